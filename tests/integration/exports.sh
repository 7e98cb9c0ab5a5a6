# libfond.so exports only its public API: every symbol it defines for
# other programs is a fond_* function that lib/fond.h declares, and every
# function fond.h declares is there (lib/fond.map keeps the rest local, so
# that the engine's internals and the libraries it links cannot clash with
# a program's own names).
source "$(dirname "$0")/common.bash"
lib="$FOND_BIN/libfond.so"
check "libfond.so is built" [ -e "$lib" ]
nm -D --defined-only "$lib" | awk '{print $NF}' | sed 's/@.*//' | sort -u >"$TMP/exported"
check "it exports symbols at all" [ -s "$TMP/exported" ]
check "every exported symbol is fond_*" bash -c "! grep -v '^fond_' '$TMP/exported'"
grep -v '^fond_' "$TMP/exported" | head -5 >&2 || true
# The functions fond.h declares: a name followed by "(" at the start of a
# declaration (after its return type).
grep -oE '\bfond_[a-z_]+\(' "$FOND_SRC/lib/fond.h" | tr -d '(' | sort -u >"$TMP/declared"
check "fond.h declares functions" [ -s "$TMP/declared" ]
check "every exported symbol is declared in fond.h" \
  bash -c "[ -z \"\$(comm -23 '$TMP/exported' '$TMP/declared')\" ]"
comm -23 "$TMP/exported" "$TMP/declared" >&2
check "every function fond.h declares is exported" \
  bash -c "[ -z \"\$(comm -13 '$TMP/exported' '$TMP/declared')\" ]"
comm -13 "$TMP/exported" "$TMP/declared" >&2
finish
