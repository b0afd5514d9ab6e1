# 10-cli: version, help, unknown command, static binary.

t_cli_version() {
	need_feature cli-version CONFIG_FEATURES || return 0
	need_feature cli-version CONFIG_SPEC || return 0
	out=$("$RT" --version 2>&1); rc=$?
	check_eq cli-version-exit 0 "$rc"
	check_match cli-version-spec '^spec: 1\.[0-9]+\.[0-9]+' "$out"
	if need_rt_only cli-version-line; then
		check_match cli-version-line '^rt version [^ ]+' "$out"
		# one spec version everywhere: --version, features, spec, state
		v=$(echo "$out" | sed -n 's/^spec: //p')
		f=$("$RT" features | sed -n 's/.*"ociVersionMax": "\(.*\)",/\1/p')
		mkdir "$TMPD/s" && (cd "$TMPD/s" && "$RT" spec)
		c=$(sed -n 's/.*"ociVersion": "\(.*\)",/\1/p' "$TMPD/s/config.json")
		check_eq cli-version-same "1.3.0 1.3.0 1.3.0" "$v $f $c"
	fi
}

t_cli_help() {
	out=$("$RT" --help 2>&1); rc=$?
	check_eq cli-help-exit 0 "$rc"
	check_match cli-help-run '^[[:space:]]+run([[:space:]]|$)' "$out"
	check_match cli-help-spec '^[[:space:]]+spec([[:space:]]|$)' "$out"
}

t_cli_unknown() {
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
}

# no program interpreter: readelf where binutils are, else the loader's
# path in the file (the busybox guest has no readelf)
t_cli_static() {
	need_rt_only cli-static || return 0
	if command -v readelf >/dev/null 2>&1; then
		d=$(readelf -d "$RT" 2>&1)
		check_nomatch cli-static 'Dynamic section' "$d"
	elif grep -aqE '/lib(64)?/ld-(linux|musl)' "$RT"; then
		fail cli-static "no program interpreter" "$RT names a loader"
	else
		ok cli-static
	fi
}
