# 10-cli: version, help, unknown command, static binary.

newtmp

out=$("$RT" --version 2>&1); rc=$?
check_eq cli-version-exit 0 "$rc"
check_match cli-version-spec '^spec: 1\.[0-9]+\.[0-9]+' "$out"
if need_rt_only cli-version-line; then
	check_match cli-version-line '^rt version [^ ]+' "$out"
fi

out=$("$RT" --help 2>&1); rc=$?
check_eq cli-help-exit 0 "$rc"
check_match cli-help-run '^[[:space:]]+run([[:space:]]|$)' "$out"
check_match cli-help-spec '^[[:space:]]+spec([[:space:]]|$)' "$out"

"$RT" frob > "$TMPD/out" 2> "$TMPD/err"; rc=$?
check_eq cli-unknown-stdout "" "$(cat "$TMPD/out")"
if [ "$RT_IS_REF" = 1 ]; then
	# runc exits 3 here ("No help topic"); only insist on failure.
	[ "$rc" -ne 0 ] && ok cli-unknown-fails || fail cli-unknown-fails "non-zero exit" "exit $rc"
	skip cli-unknown-message "rt only (RT=$RT_NAME)"
else
	check_eq cli-unknown-exit 1 "$rc"
	check_eq cli-unknown-message 'rt: unknown command "frob"' "$(cat "$TMPD/err")"
fi

if need_rt_only cli-static && need_cmd cli-static readelf; then
	d=$(readelf -d "$RT" 2>&1)
	check_nomatch cli-static 'Dynamic section' "$d"
fi
