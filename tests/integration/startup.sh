# startup.sh -- fond-search and fond.cgi start once a query: they must not
# load the mail parser's libraries (GMime brings GLib, GIO and gpgme, and
# loading them doubled fond-search's start-up), while fond-index still
# reads mail (mail.sh).
source "$(dirname "$0")/common.bash"

# loaded PROGRAM: the shared libraries PROGRAM loads (those it names and
# theirs), one a line.
loaded() { ldd "$1" | awk '{ print $1 }'; }

for prog in fond-search fond.cgi; do
  loaded "$FOND_BIN/$prog" >"$TMP/$prog.loaded"
  check "$prog loads Xapian" grep -q '^libxapian' "$TMP/$prog.loaded"
  if grep -E '^lib(gmime|glib|gio|gobject|gpgme)' "$TMP/$prog.loaded"; then
    fail "$prog loads the mail parser's libraries"
  else
    pass "$prog loads no mail library"
  fi
done

# A search still works, and a database holding a message is searched by
# a program that cannot parse mail.
mkdir -p "$TMP/src"
printf 'From: a@example.org\nTo: b@example.org\nSubject: tariff\nDate: Mon, 7 Mar 1921 10:00:00 +0000\n\nThe tariff on wool was raised.\n' >"$TMP/src/m.eml"
"$INDEX" -q --db "$TMP/db" "$TMP/src"
"$SEARCH" --db "$TMP/db" --json wool >"$TMP/hits"
check "a message's text is found by fond-search" texts_hold "$TMP/hits" 'tariff on wool'

[ "$failures" -eq 0 ]
