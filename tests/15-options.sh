# 15-options: the option table: --help describes every flag as runc does,
# flags rt refuses say why, and the runc flags that change what rt does:
# run's subreaper (--no-subreaper), exec --cgroup, --apparmor and
# --process-label, the global --rootless and --systemd-cgroup.

# help_lines CMD: the option lines of `$RT CMD --help`
help_lines() { "$RT" "$@" --help 2>&1 | grep -E '^[[:space:]]+--'; }

t_options_help_run() {
	out=$(help_lines run)
	check_match options-help-run-bundle \
		'^ +--bundle value, -b value +path to the root of the bundle directory' "$out"
	check_match options-help-run-detach '^ +--detach, -d +detach from the container' "$out"
	check_match options-help-run-pid-file '^ +--pid-file value +specify the file to write the process id to' "$out"
}

# every option of every command has a description after its name
t_options_help_described() {
	need_feature options-help-described CONFIG_EXEC || return 0
	need_feature options-help-described CONFIG_PS || return 0
	need_feature options-help-described CONFIG_UPDATE || return 0
	need_feature options-help-described CONFIG_EVENTS || return 0
	need_feature options-help-described CONFIG_SPEC || return 0
	bad=
	for c in create run exec list kill delete ps update events spec; do
		bare=$(help_lines "$c" | grep -vE '^ +--[a-z0-9-]+( value)?(, -[a-z]( value)?)? {2,}[^ ]')
		[ -n "$bare" ] && bad="$bad$c: $bare;"
	done
	check_eq options-help-described "" "$bad"
	n=$(help_lines exec | wc -l)
	[ "$n" -ge 15 ] && ok options-help-exec-count ||
		fail options-help-exec-count "15 or more exec options" "$n"
}

t_options_help_global() {
	need_feature options-help-global CONFIG_CGROUPS || return 0
	need_rt_only options-help-global || return 0
	out=$("$RT" --help 2>&1)
	check_match options-help-global-root '^ +--root value +root directory for storage of container state' "$out"
	check_match options-help-global-rootless '^ +--rootless value +ignore cgroup permission errors' "$out"
}

t_options_refused() {
	need_feature options-refused CONFIG_CGROUPS || return 0
	need_feature options-refused CONFIG_UPDATE || return 0
	need_rt_only options-refused || return 0
	"$RT" update --kernel-memory 1 nosuch > "$TMPD/out" 2>&1; rc=$?
	check_eq options-refused-kernel-memory \
		"exit 1: rt: update: --kernel-memory: cgroup v2 has no kernel memory limit" \
		"exit $rc: $(cat "$TMPD/out")"
	"$RT" --criu=/usr/sbin/criu list > "$TMPD/out" 2>&1; rc=$?
	check_eq options-refused-criu "exit 1: rt: --criu: rt has no checkpoint and restore" \
		"exit $rc: $(cat "$TMPD/out")"
	"$RT" --rootless maybe list > "$TMPD/out" 2>&1; rc=$?
	check_eq options-refused-rootless-value \
		'exit 1: rt: --rootless: unknown value "maybe" (true, false or auto)' \
		"exit $rc: $(cat "$TMPD/out")"
	"$RT" kill --bogus x > "$TMPD/out" 2>&1; rc=$?
	check_eq options-refused-unknown "exit 1: rt: kill: unknown option --bogus" \
		"exit $rc: $(cat "$TMPD/out")"
}

# run's subreaper: a process the init leaves behind (no pid namespace)
# is reparented to the runtime, unless --no-subreaper (runc's default)
SUBREAP='(sleep 2 & echo $! > /tmp/o); sleep 0.3; echo me=$PPID orphan=$(sed -n "s/^PPid:[[:space:]]*//p" /proc/$(cat /tmp/o)/status)'

t_options_subreaper() {
	mkbundle "$TMPD/b"
	C_NAMESPACES='{ "type": "network" }, { "type": "ipc" }, { "type": "uts" }, { "type": "mount" }' \
		C_ROOT_RO=false sh_ct subreap "$SUBREAP"
	me=${OUT%% *}
	check_eq options-subreaper "exit 0: orphan=${me#me=}" "exit $RC: ${OUT#* }"
}

t_options_no_subreaper() {
	mkbundle "$TMPD/b"
	C_NAMESPACES='{ "type": "network" }, { "type": "ipc" }, { "type": "uts" }, { "type": "mount" }' \
		C_ROOT_RO=false sh_ct nosubreap "$SUBREAP" --no-subreaper
	me=${OUT%% *}
	if [ "$RC" = 0 ] && [ -n "$me" ] && [ "${OUT#* }" != "orphan=${me#me=}" ]; then
		ok options-no-subreaper
	else
		fail options-no-subreaper "exit 0, the orphan's parent not the runtime" "exit $RC: $OUT"
	fi
}

# a running container with a cgroup: sets ID and CG (its directory)
exec_ct() {
	mkbundle "$TMPD/b"
	ID=$(newid "$1"); track "$ID"
	C_ARGS='"sleep", "60"' mkconfig "$B"
	"$RT" run -d --bundle "$B" "$ID" < /dev/null > "$TMPD/out" 2>&1 ||
		{ fail "$1-run" "run -d" "$(cat "$TMPD/out")"; return 1; }
	CG=$(awk -F: '$1 == 0 { print $3 }' "/proc/$("$RT" state "$ID" |
		sed -n 's/.*"pid": *\([0-9]*\).*/\1/p')/cgroup")
	cgm=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo)
	[ -n "$cgm" ] && [ "$CG" != / ] ||
		{ skip "$1" "no cgroup2 of the container's"; return 1; }
	CG=$cgm$CG
}

t_options_exec_cgroup() {
	exec_ct exec-cgroup || return 0
	mkdir "$CG/sub" || { fail options-exec-cgroup-mkdir "mkdir $CG/sub" "failed"; return; }
	T_EXTRA_CLEANUP="rmdir '$CG/sub' 2>/dev/null"
	out=$("$RT" exec --cgroup sub "$ID" cat /proc/self/cgroup 2>&1)
	check_match options-exec-cgroup '^0::/.*/sub$' "$out"
	out=$("$RT" exec --cgroup :sub "$ID" cat /proc/self/cgroup 2>&1)
	check_match options-exec-cgroup-colon '^0::/.*/sub$' "$out"
	need_rt_only options-exec-cgroup-refused || { exec_cgroup_delete; return 0; }
	for a in ../x pids:sub nope; do
		"$RT" exec --cgroup "$a" "$ID" true > "$TMPD/out" 2>&1
		echo "$?: $(cat "$TMPD/out")"
	done > "$TMPD/all"
	check_eq options-exec-cgroup-refused "255: rt: exec: --cgroup ../x: not a path below the container's cgroup
255: rt: exec: --cgroup pids:sub: controllers are cgroup v1's; give the path alone
255: rt: exec: --cgroup nope: No such file or directory" "$(cat "$TMPD/all")"
	exec_cgroup_delete
}

# delete -f takes the container's cgroup with the sub-cgroup made in it
# (rt left both, and the state dir, when a cgroup was below its own)
exec_cgroup_delete() {
	e=$("$RT" delete -f "$ID" 2>&1)
	check_eq options-exec-cgroup-delete "exit 0: " "exit $?: $e$(ls -d "$STATE_ROOT/$ID" "$CG" 2>/dev/null)"
}

t_options_exec_lsm() {
	exec_ct exec-lsm || return 0
	need_rt_only options-exec-lsm || return 0
	if [ "$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)" = Y ]; then
		out=$("$RT" exec --apparmor unconfined "$ID" cat /proc/self/attr/current 2>&1)
		check_eq options-exec-apparmor "unconfined" "$out"
	else
		out=$("$RT" exec --apparmor unconfined "$ID" true 2>&1)
		check_eq options-exec-apparmor "rt: exec: --apparmor: AppArmor is not enabled on this host" "$out"
	fi
	if [ ! -e /sys/fs/selinux/enforce ]; then
		out=$("$RT" exec --process-label system_u:system_r:container_t:s0 "$ID" true 2>&1)
		check_eq options-exec-process-label "rt: exec: --process-label: SELinux is not enabled on this host" "$out"
	else
		skip options-exec-process-label "SELinux host: not tested here"
	fi
}
