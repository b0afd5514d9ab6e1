# 80-cgroup: cgroup v2.  Where the container's cgroup directory goes
# (linux.cgroupsPath: empty, relative, absolute, slice:prefix:name) and that
# delete removes it; linux.resources by the cgroup files and by their effect
# where the hierarchy offers the controller, else rt's one-line refusal
# naming it; device rules (eBPF); pause/resume; update; events; kill --all;
# ps; exec into the cgroup.
#
# Written for both kinds of host: a hybrid one (cgroup2 at
# /sys/fs/cgroup/unified, no controllers, v1 has them) and a pure v2 one
# (tests/vm).  Every test reads cgroup.controllers of the cgroup2 root and
# checks the limit and its effect, or the refusal.  Nothing here writes to a
# v1 hierarchy.  Under RT=runc (which uses v1 on a hybrid host) only the
# tests about behaviour runc shares run: the default path, the cgroup
# namespace, device rules, pause/resume, kill --all, ps and exec.
# rt's Kconfig switches every test here needs (lib.sh t_run skips without)
T_NEEDS="CONFIG_CGROUPS"

. "$TOP/tests/lib-lifecycle.sh"

# the cgroup2 mount point (empty: none)
CGM=$(awk '{ for (i = 7; i < NF; i++) if ($i == "-") { if ($(i + 1) == "cgroup2") { print $5; exit } break } }' /proc/self/mountinfo)
# rt's own cgroup (ours: the wrapper execs it); a container with an empty or
# relative cgroupsPath goes below its parent
OWN=$(sed -n 's/^0:://p' /proc/self/cgroup)
PARENT=${OWN%/*}

# setup: lc_setup with the rootfs read-only and shared (mkbundle_ro: no
# test but the counting ones writes it, and they make a copy), and CTRLS
# the controllers the cgroup2 root offers.  Without a cgroup2 hierarchy no
# test runs: `skip cgroup` once per run.
setup() {
	if [ -z "$CGM" ] || [ ! -f "$CGM/cgroup.controllers" ]; then
		_s=${T_CACHE:-/tmp}/cgroup.skipped
		[ -n "$T_CACHE" ] && [ -e "$_s" ] ||
			{ skip cgroup "no cgroup2 hierarchy mounted"; [ -z "$T_CACHE" ] || : > "$_s"; }
		return 1
	fi
	CTRLS=$(head -n 1 "$CGM/cgroup.controllers")
	lc_setup mkbundle_ro
}

# after NAME: the id $ID left nothing behind
after() { nothing_left "$1-nothing-left" "$ID"; }

# has_ctl NAME: the cgroup2 root offers controller NAME
has_ctl() { case " $CTRLS " in *" $1 "*) return 0 ;; esac; return 1; }

# refusal CONTROLLER: rt's error for a config that needs it on this host
refusal() {
	echo "rt: cgroup: linux.resources needs the $1 controller, which $CGM does not offer (cgroup.controllers: \"$CTRLS\"; on a hybrid host it belongs to cgroup v1)"
}

# Configs: C_RES, when set, replaces mkconfig's linux.resources object
# (mkconfig writes one with the deny-all device rule; a second "resources"
# key would be a duplicate).  res FIELDS: that object with FIELDS added.
res() { echo "{ \"devices\": [ { \"allow\": false, \"access\": \"rwm\" } ], $1 }"; }
sh_config() {
	C_ARGS="\"sh\", \"-c\", \"$(json_str "$1")\"" mkconfig "$B"
	[ -n "$C_RES" ] || return 0
	RES=$C_RES awk 'index($0, "\"resources\": { \"devices\": [ { \"allow\": false, \"access\": \"rwm\" } ] },") {
		print "\t\t\"resources\": " ENVIRON["RES"] ","; next } { print }' \
		"$B/config.json" > "$B/config.json.new" && mv "$B/config.json.new" "$B/config.json"
}

# fg_ct NAME SCRIPT [RUN-OPTIONS]: sh_config (C_RES applies), run_ct on a
# new id $ID
fg_ct() {
	ID=$(newid "$1"); track "$ID"
	sh_config "$2"
	shift 2
	run_ct "$@" "$ID"
}

# cg_of PID: PID's cgroup v2 path (the 0:: line)
cg_of() { sed -n 's/^0:://p' "/proc/$1/cgroup" 2>/dev/null; }
# cat_cg FILE: a cgroup file's contents, "missing" when it is not there
cat_cg() { cat "$1" 2>/dev/null || echo "missing $1"; }
# nprocs DIR: how many pids DIR/cgroup.procs lists
nprocs() { echo $(($(wc -l < "$1/cgroup.procs"))); }
# count NUMBER: the integer in file $CNT (0 if none yet)
count() { c=$(cat "$CNT" 2>/dev/null); echo "${c:-0}"; }
# refused NAME CONTROLLER: a create of $B (config already written) fails
# with rt's one-line refusal naming CONTROLLER, and leaves nothing
refused() {
	ID=$(newid "$1"); track "$ID"
	e=$("$RT" create --bundle "$B" "$ID" < /dev/null 2>&1)
	check_eq "$1-refused" "exit 1: $(refusal "$2")" "exit $?: $e"
	after "$1-refused"
}

# ---- where the cgroup goes -------------------------------------------------

# empty cgroupsPath: below the parent of rt's own cgroup, named by the id;
# no resources asked, so no controller needed: runs on every host
t_cgroup_path_default() {
	start_ct default 'cat /proc/self/cgroup; echo ready; sleep 100' || return 0
	D=$CGM$PARENT/$ID
	poll file_has "$TMPD/default.out" ready
	check_eq path-default-inside "0::$PARENT/$ID" "$(grep '^0::' "$TMPD/default.out")"
	check_eq path-default-init "$PARENT/$ID" "$(cg_of "$PID")"
	check_eq path-default-procs "$PID" "$(grep -x "$PID" "$D/cgroup.procs" 2>&1)"
	check_eq path-default-only-init 1 "$(nprocs "$D")"
	"$RT" delete -f "$ID"
	cg_gone path-default-removed "$D"
	after path-default
}

# a cgroup namespace: the container sees its own cgroup as the root
t_cgroup_path_cgroupns() {
	C_NAMESPACES='{ "type": "pid" }, { "type": "network" }, { "type": "ipc" }, { "type": "uts" }, { "type": "mount" }, { "type": "cgroup" }' \
		fg_ct cgns 'grep "^0::" /proc/self/cgroup'
	check_eq path-cgroupns "exit 0: 0::/" "exit $RC: $OUT$ERR"
	after path-cgroupns
}

# absolute: below the mount as given; delete removes the levels rt made
t_cgroup_path_absolute() {
	need_rt_only path-absolute || return 0
	CG=/t$$-abs/sub
	C_LINUX_EXTRA=", \"cgroupsPath\": \"$CG\"" create_ct abs 'sleep 100'
	check_eq path-absolute-create "exit 0: " "exit $RC: $ERR"
	PID=$(ct_pid "$ID")
	check_eq path-absolute-init "$CG" "$(cg_of "$PID")"
	check_eq path-absolute-procs "$PID" "$(cat_cg "$CGM$CG/cgroup.procs")"
	"$RT" delete -f "$ID"
	cg_gone path-absolute-removed "$CGM$CG" "$CGM/t$$-abs"
	after path-absolute
}

# a level that was there before stays
t_cgroup_path_existing_parent() {
	need_rt_only path-existing-parent || return 0
	mkdir "$CGM/t$$-pre"
	T_EXTRA_CLEANUP="rmdir '$CGM/t$$-pre' 2>/dev/null"
	C_LINUX_EXTRA=", \"cgroupsPath\": \"/t$$-pre/c\"" create_ct pre 'sleep 100'
	check_eq path-existing-parent-create "exit 0: " "exit $RC: $ERR"
	check_eq path-existing-parent-init "/t$$-pre/c" "$(cg_of "$(ct_pid "$ID")")"
	"$RT" delete -f "$ID"
	cg_gone path-existing-parent-leaf-removed "$CGM/t$$-pre/c"
	check_eq path-existing-parent-kept yes "$([ -d "$CGM/t$$-pre" ] && echo yes || echo removed)"
	rmdir "$CGM/t$$-pre"
	after path-existing-parent
}

# relative: below the parent of rt's cgroup
t_cgroup_path_relative() {
	need_rt_only path-relative || return 0
	C_LINUX_EXTRA=", \"cgroupsPath\": \"t$$-rel/x\"" fg_ct rel 'grep "^0::" /proc/self/cgroup'
	check_eq path-relative "exit 0: 0::$PARENT/t$$-rel/x" "exit $RC: $OUT$ERR"
	cg_gone path-relative-removed "$CGM$PARENT/t$$-rel/x" "$CGM$PARENT/t$$-rel"
	after path-relative
}

# slice:prefix:name, as systemd nests slices; every level rt made goes
t_cgroup_path_slice() {
	need_rt_only path-slice || return 0
	S=rt$$
	C_LINUX_EXTRA=", \"cgroupsPath\": \"$S-a.slice:rt:c\"" create_ct slice 'sleep 100'
	check_eq path-slice-create "exit 0: " "exit $RC: $ERR"
	check_eq path-slice-init "/$S.slice/$S-a.slice/rt-c.scope" "$(cg_of "$(ct_pid "$ID")")"
	"$RT" delete -f "$ID"
	cg_gone path-slice-removed "$CGM/$S.slice/$S-a.slice/rt-c.scope" \
		"$CGM/$S.slice/$S-a.slice" "$CGM/$S.slice"
	after path-slice
}

# a failed create removes the levels it made
t_cgroup_path_slice_failed_create() {
	need_rt_only path-slice-failed-create || return 0
	S=rt$$
	C_RES=$(res '"unified": { "nosuch.file": "1" }') \
		C_LINUX_EXTRA=", \"cgroupsPath\": \"$S-b.slice:rt:c\"" create_ct slicefail 'sleep 100'
	check_eq path-slice-failed-create "exit 1: rt: cgroup: linux.resources.unified.nosuch.file: write \"1\" to $CGM/$S.slice/$S-b.slice/rt-c.scope/nosuch.file: No such file or directory" "exit $RC: $ERR"
	cg_gone path-slice-failed-create-removed "$CGM/$S.slice"
	after path-slice-failed-create
}

t_cgroup_path_slice_invalid() {
	need_rt_only path-slice-invalid || return 0
	C_LINUX_EXTRA=', "cgroupsPath": "nope:rt:c"' create_ct badslice 'sleep 100'
	check_eq path-slice-invalid "exit 1: rt: config.json: linux.cgroupsPath: nope: not a slice" "exit $RC: $ERR"
	after path-slice-invalid
}

# ---- resources ---------------------------------------------------------------

# memory: limit, reservation, swap as runc converts it (swap.max = swap - limit)
t_cgroup_memory() {
	need_rt_only memory || return 0
	C_RES=$(res '"memory": { "limit": 33554432, "reservation": 8388608, "swap": 50331648 }') \
		sh_config 'sleep 100'
	if ! has_ctl memory; then
		refused memory memory
		return 0
	fi
	C_RES=$(res '"memory": { "limit": 33554432, "reservation": 8388608, "swap": 50331648 }') \
		create_ct mem 'sleep 100'
	D=$CGM$PARENT/$ID
	check_eq memory-create "exit 0: " "exit $RC: $ERR"
	check_eq memory-max 33554432 "$(cat_cg "$D/memory.max")"
	check_eq memory-low 8388608 "$(cat_cg "$D/memory.low")"
	check_eq memory-swap-max 16777216 "$(cat_cg "$D/memory.swap.max")"
	"$RT" delete -f "$ID"
	after memory
}

# swap -1: memory.swap.max "max" (without the controller cgroup-memory
# checks the refusal)
t_cgroup_memory_swap_unlimited() {
	[ "$RT_IS_REF" = 0 ] && has_ctl memory || return 0
	C_RES=$(res '"memory": { "limit": 33554432, "swap": -1 }') create_ct memsw 'sleep 100'
	check_eq memory-swap-unlimited "exit 0: max" "exit $RC: $(cat_cg "$CGM$PARENT/$ID/memory.swap.max")$ERR"
	"$RT" delete -f "$ID"
	after memory-swap-unlimited
}

# a hog under 16 MiB with no swap is OOM-killed (without the controller
# cgroup-memory checks the refusal)
t_cgroup_memory_oom() {
	[ "$RT_IS_REF" = 0 ] && has_ctl memory || return 0
	C_RES=$(res '"memory": { "limit": 16777216, "swap": 16777216 }') \
		fg_ct oom 'exec awk "BEGIN { s = \"a\"; while (length(s) < 50000000) s = s s; print length(s) }"' --keep
	check_eq memory-oom-killed "exit 137: " "exit $RC: $OUT$ERR"
	n=$(sed -n 's/^oom_kill //p' "$CGM$PARENT/$ID/memory.events" 2>/dev/null)
	check_eq memory-oom-events yes "$([ "${n:-0}" -gt 0 ] && echo yes || echo "oom_kill ${n:-missing}")"
	"$RT" delete -f "$ID"
	after memory-oom
}

# pids: pids.max and a loop that cannot fork 30 sleeps
t_cgroup_pids() {
	need_rt_only pids || return 0
	C_RES=$(res '"pids": { "limit": 10 }') sh_config 'sleep 100'
	if ! has_ctl pids; then
		refused pids pids
		return 0
	fi
	C_RES=$(res '"pids": { "limit": 10 }') \
		start_ct pids '(for i in $(seq 30); do sleep 100 & done) 2>&1; echo loop-done; exec sleep 100' ||
		return 0
	D=$CGM$PARENT/$ID
	check_eq pids-max 10 "$(cat_cg "$D/pids.max")"
	poll file_has "$TMPD/pids.out" loop-done
	n=$(grep -c "can't fork" "$TMPD/pids.out")
	check_eq pids-fork-fails yes "$([ "$n" -gt 0 ] && echo yes || echo "no fork error: $(cat "$TMPD/pids.out")")"
	# the loop's subshell gone, init and the sleeps it started: at
	# most 10, and pids.current counts them
	n=$(nprocs "$D")
	check_eq pids-current "$n" "$(cat_cg "$D/pids.current")"
	check_eq pids-at-most-10 yes "$([ "$n" -ge 2 ] && [ "$n" -le 10 ] && echo yes || echo "$n processes")"
	"$RT" delete -f "$ID"
	after pids
}

# cpu: shares -> weight (runc 1.3's and crun 1.23's curve: 1024 -> 100, the
# v2 default; runc 1.1's linear formula gave 39), quota/period -> cpu.max,
# and a busy
# loop at 10% of a CPU is throttled
t_cgroup_cpu() {
	need_rt_only cpu || return 0
	C_RES=$(res '"cpu": { "shares": 1024, "quota": 10000, "period": 100000 }') sh_config 'sleep 100'
	if ! has_ctl cpu; then
		refused cpu cpu
		return 0
	fi
	C_RES=$(res '"cpu": { "shares": 1024, "quota": 10000, "period": 100000 }') \
		start_ct cpu 'timeout 1 sh -c "while :; do :; done"; echo spun; sleep 100' || return 0
	D=$CGM$PARENT/$ID
	check_eq cpu-weight 100 "$(cat_cg "$D/cpu.weight")"
	for w in 262144:10000 2:1 512:59; do
		"$RT" update --cpu-share "${w%:*}" "$ID"
		check_eq "cpu-weight-update-${w%:*}" "${w#*:}" "$(cat_cg "$D/cpu.weight")"
	done
	check_eq cpu-max "10000 100000" "$(cat_cg "$D/cpu.max")"
	"$RT" update --cpu-burst 5000 --cpu-idle 1 "$ID"
	check_eq cpu-burst-idle-update "5000 1" "$(cat_cg "$D/cpu.max.burst") $(cat_cg "$D/cpu.idle")"
	"$RT" update --cpu-idle 0 "$ID"
	poll file_has "$TMPD/cpu.out" spun
	n=$(sed -n 's/^nr_throttled //p' "$D/cpu.stat")
	check_eq cpu-throttled yes "$([ "${n:-0}" -gt 0 ] && echo yes || echo "nr_throttled ${n:-missing}")"
	"$RT" delete -f "$ID"
	after cpu
}

# cpuset: cpus "0"
t_cgroup_cpuset() {
	need_rt_only cpuset || return 0
	C_RES=$(res '"cpu": { "cpus": "0" }') sh_config 'sleep 100'
	if ! has_ctl cpuset; then
		refused cpuset cpuset
		return 0
	fi
	C_RES=$(res '"cpu": { "cpus": "0" }') \
		fg_ct cpuset 'sed -n "s/^Cpus_allowed_list:[[:space:]]*//p" /proc/self/status' --keep
	check_eq cpuset-allowed "exit 0: 0" "exit $RC: $OUT$ERR"
	check_eq cpuset-cpus 0 "$(cat_cg "$CGM$PARENT/$ID/cpuset.cpus")"
	"$RT" delete -f "$ID"
	after cpuset
}

# a value the kernel refuses: the error names the member, the value and
# the file (cpus 4095: no such cpu here)
t_cgroup_cpuset_kernel_refuses() {
	need_rt_only cpuset-kernel-refuses || return 0
	has_ctl cpuset || { skip cpuset-kernel-refuses "cgroup2 root does not offer cpuset ($CTRLS)"; return 0; }
	C_RES=$(res '"cpu": { "cpus": "4095" }') fg_ct cpusetbad 'echo ran'
	check_match cpuset-kernel-refuses-names-member "^exit 1: : rt: cgroup: linux\.resources\.cpu\.cpus: write \"4095\" to /.*/cpuset\.cpus: (Invalid argument|Result not representable)\$" "exit $RC: $OUT: $ERR"
	after cpuset-kernel-refuses
}

# io: blockIO.weight 500 -> io.bfq.weight 500, or io.weight 1+(500-10)*9999/990
t_cgroup_io() {
	need_rt_only io || return 0
	C_RES=$(res '"blockIO": { "weight": 500 }') sh_config 'sleep 100'
	if ! has_ctl io; then
		refused io io
		return 0
	fi
	C_RES=$(res '"blockIO": { "weight": 500 }') create_ct io 'sleep 100'
	D=$CGM$PARENT/$ID
	if [ -f "$D/io.bfq.weight" ]; then
		check_eq io-weight "default 500" "$(head -n 1 "$D/io.bfq.weight")"
	else
		check_eq io-weight "default 4950" "$(head -n 1 "$D/io.weight" 2>&1)"
	fi
	"$RT" delete -f "$ID"
	after io
}

# unified: written verbatim
t_cgroup_unified() {
	need_rt_only unified || return 0
	C_RES=$(res '"unified": { "pids.max": "7" }') sh_config 'sleep 100'
	if ! has_ctl pids; then
		refused unified-pids pids
		return 0
	fi
	C_RES=$(res '"unified": { "pids.max": "7" }') create_ct unified 'sleep 100'
	check_eq unified-pids-max "exit 0: 7" "exit $RC: $(cat_cg "$CGM$PARENT/$ID/pids.max")$ERR"
	"$RT" delete -f "$ID"
	after unified
}

# a core file needs no controller
t_cgroup_unified_core() {
	need_rt_only unified-core || return 0
	C_RES=$(res '"unified": { "cgroup.max.descendants": "3" }') create_ct unicore 'sleep 100'
	check_eq unified-core "exit 0: 3" "exit $RC: $(cat_cg "$CGM$PARENT/$ID/cgroup.max.descendants")$ERR"
	"$RT" delete -f "$ID"
	after unified-core
}

# ---- device rules -------------------------------------------------------------

# /dev/kmsg (c 1:11) made through linux.devices; opened write-only, which
# needs no capability and writes nothing
KMSG='{ "path": "/dev/kmsg", "type": "c", "major": 1, "minor": 11, "fileMode": 438, "uid": 0, "gid": 0 }'
OPEN='for d in kmsg null zero; do true 2>/dev/null > /dev/$d && echo $d-ok || echo $d-denied; done'

t_cgroup_devices_default_deny() {
	C_LINUX_EXTRA=", \"devices\": [ $KMSG ]" fg_ct devdeny "$OPEN"
	check_eq devices-default-deny "exit 0: kmsg-denied null-ok zero-ok" "exit $RC: $(echo $OUT)$ERR"
	after devices-default-deny
}

t_cgroup_devices_deny_msg() {
	C_LINUX_EXTRA=", \"devices\": [ $KMSG ]" fg_ct devmsg 'true > /dev/kmsg'
	check_eq devices-deny-msg "exit 1: sh: can't create /dev/kmsg: Operation not permitted" "exit $RC: $OUT$ERR"
	after devices-deny-msg
}

t_cgroup_devices_allow() {
	C_RES='{ "devices": [ { "allow": false, "access": "rwm" }, { "allow": true, "type": "c", "major": 1, "minor": 11, "access": "rwm" } ] }' \
		C_LINUX_EXTRA=", \"devices\": [ $KMSG ]" fg_ct devallow "$OPEN"
	check_eq devices-allow "exit 0: kmsg-ok null-ok zero-ok" "exit $RC: $(echo $OUT)$ERR"
	after devices-allow
}

# runc appends its default rules after the config's: the config's deny of
# c 1:5 (/dev/zero) is overridden by the default allow of it
t_cgroup_devices_deny_default_overridden() {
	C_RES='{ "devices": [ { "allow": false, "access": "rwm" }, { "allow": false, "type": "c", "major": 1, "minor": 5, "access": "rwm" } ] }' \
		C_LINUX_EXTRA=", \"devices\": [ $KMSG ]" fg_ct devzero "$OPEN"
	check_eq devices-deny-default-overridden "exit 0: kmsg-denied null-ok zero-ok" "exit $RC: $(echo $OUT)$ERR"
	after devices-deny-default-overridden
}

# ---- pause / resume -------------------------------------------------------------

counting() { [ "$(count)" -gt "$1" ]; }
# start_counter NAME: start_ct NAME on a writable rootfs of its own (a new
# bundle in $B), its init counting into /tmp/count ($CNT) every 0.05 s;
# waits for the first count.  D is its cgroup.
start_counter() {
	mkbundle "$TMPD/rw"
	CNT=$B/rootfs/tmp/count
	rm -f "$CNT"
	C_ROOT_RO=false start_ct "$1" 'i=0; while :; do i=$((i + 1)); echo $i > /tmp/count; sleep 0.05; done' ||
		return 1
	D=$CGM$PARENT/$ID
	poll counting 0
}

# paused NAME: pause $ID (FAIL NAME if that fails: the test needs it)
paused() {
	e=$("$RT" pause "$ID" 2>&1) || { fail "$1" "pause exit 0" "$e"; return 1; }
}

t_cgroup_pause() {
	start_counter pause || return 0
	e=$("$RT" pause "$ID" 2>&1)
	check_eq cg-pause "exit 0: " "exit $?: $e"
	c1=$(count); sleep 0.5; c2=$(count)
	check_eq pause-stops-counting "$c1" "$c2"
	check_eq pause-state paused "$(ct_status "$ID")"
	check_eq pause-list paused "$("$RT" list 2>&1 | awk -v id="$ID" '$1 == id { print $3 }')"
	[ "$RT_IS_REF" = 0 ] && check_eq pause-freeze 1 "$(cat_cg "$D/cgroup.freeze")"
	e=$("$RT" exec "$ID" true 2>&1)
	check_eq cg-pause-exec-refused-rc 255 "$?"	# runc: exec failures exit 255
	check_has cg-pause-exec-refused "cannot exec in a paused container (use --ignore-paused to override)" "$e"
}

t_cgroup_resume() {
	start_counter resume || return 0
	paused resume-paused || return 0
	c2=$(count)
	e=$("$RT" resume "$ID" 2>&1)
	check_eq cg-resume "exit 0: " "exit $?: $e"
	check_eq resume-state running "$(ct_status "$ID")"
	[ "$RT_IS_REF" = 0 ] && check_eq resume-freeze 0 "$(cat_cg "$D/cgroup.freeze")"
	if poll counting "$c2"; then ok resume-counts; else fail resume-counts "count > $c2" "$(count)"; fi
	e=$("$RT" resume "$ID" 2>&1)
	check_eq resume-running-rc 1 "$?"
	check_has resume-running "container not paused" "$e"
}

# delete -f of a paused container: thawed and killed
t_cgroup_delete_paused() {
	start_counter delpaused || return 0
	paused delete-paused-paused || return 0
	e=$("$RT" delete -f "$ID" 2>&1)
	check_eq delete-paused "exit 0: " "exit $?: $e"
	pids_gone delete-paused-gone "$PID"
	after delete-paused
}

t_cgroup_pause_stopped() {
	create_ct pausestop 'true'
	if [ "$RC" = 0 ] && "$RT" start "$ID" && poll is_status "$ID" stopped; then
		e=$("$RT" pause "$ID" 2>&1)
		check_eq pause-stopped-rc 1 "$?"
		check_has pause-stopped "container not running" "$e"
		"$RT" delete "$ID"
		after pause-stopped
	else
		fail pause-stopped "a stopped container" "$RC: $ERR"
	fi
}

# ---- update --------------------------------------------------------------------

# pids and memory limits (or their refusal), a core file, on one container
# that keeps running through them all
# hugepageLimits: hugetlb.<size>.max, and .rsvd.max where the kernel has it
# (5.7; runc writes both); the first page size the cgroup offers
t_cgroup_hugetlb() {
	need_rt_only hugetlb || return 0
	if ! has_ctl hugetlb; then
		skip hugetlb "no hugetlb controller in $CGM"
		return 0
	fi
	# the kernel's first huge page size, named as the cgroup files are
	kb=$(ls /sys/kernel/mm/hugepages 2>/dev/null | sed -n 's/^hugepages-\([0-9]*\)kB$/\1/p' | sort -n | head -n 1)
	[ -n "$kb" ] || { fail hugetlb "a size in /sys/kernel/mm/hugepages" "none"; return 0; }
	if [ "$kb" -ge 1048576 ]; then sz=$((kb / 1048576))GB
	elif [ "$kb" -ge 1024 ]; then sz=$((kb / 1024))MB
	else sz=${kb}KB; fi
	C_RES=$(res "\"hugepageLimits\": [ { \"pageSize\": \"$sz\", \"limit\": 4194304 } ]") \
		start_ct huge 'sleep 100' || return 0
	D=$CGM$PARENT/$ID
	check_eq hugetlb-max 4194304 "$(cat_cg "$D/hugetlb.$sz.max")"
	if [ -e "$D/hugetlb.$sz.rsvd.max" ]; then
		check_eq hugetlb-rsvd-max 4194304 "$(cat_cg "$D/hugetlb.$sz.rsvd.max")"
	else
		skip hugetlb-rsvd-max "kernel $(uname -r) has no hugetlb.$sz.rsvd.max (5.7)"
	fi
	"$RT" delete -f "$ID"
	after hugetlb
}

# memory.checkBeforeUpdate: a limit under what the container uses (8 MB
# of tmpfs pages, which cannot be reclaimed) is refused with runc's words,
# and memory.max stays; above the usage it applies
t_cgroup_check_before_update() {
	need_rt_only check-before-update || return 0
	has_ctl memory || { skip check-before-update "no memory controller in $CGM"; return 0; }
	C_RES=$(res '"memory": { "limit": 67108864 }') \
		start_ct cbu 'head -c 8000000 /dev/zero > /dev/shm/fill; echo filled > /dev/shm/done; sleep 100' || return 0
	D=$CGM$PARENT/$ID
	poll test -e "/proc/$PID/root/dev/shm/done"
	echo '{ "memory": { "limit": 4194304, "checkBeforeUpdate": true } }' > "$TMPD/res.json"
	e=$("$RT" update --resources "$TMPD/res.json" "$ID" 2>&1)
	check_match check-before-update-refused '^exit 1: rt: cgroup: rejecting memory limit 4194304 <= usage [0-9]+$' "exit $?: $e"
	check_eq check-before-update-kept 67108864 "$(cat_cg "$D/memory.max")"
	echo '{ "memory": { "limit": 33554432, "checkBeforeUpdate": true } }' > "$TMPD/res.json"
	e=$("$RT" update --resources "$TMPD/res.json" "$ID" 2>&1)
	check_eq check-before-update-applied "exit 0: 33554432" "exit $?: $e$(cat_cg "$D/memory.max")"
	"$RT" delete -f "$ID"
	after check-before-update
}

t_cgroup_update() {
	need_rt_only update || return 0
	start_ct update 'sleep 100' || return 0
	D=$CGM$PARENT/$ID
	if has_ctl pids; then
		e=$("$RT" update --pids-limit 20 "$ID" 2>&1)
		check_eq update-pids-limit "exit 0: 20" "exit $?: $(cat_cg "$D/pids.max")$e"
		echo '{ "pids": { "limit": 33 } }' > "$TMPD/res.json"
		e=$("$RT" update --resources "$TMPD/res.json" "$ID" 2>&1)
		check_eq update-resources-file "exit 0: 33" "exit $?: $(cat_cg "$D/pids.max")$e"
		e=$(echo '{ "pids": { "limit": 44 } }' | "$RT" update --resources - "$ID" 2>&1)
		check_eq update-resources-stdin "exit 0: 44" "exit $?: $(cat_cg "$D/pids.max")$e"
	else
		e=$("$RT" update --pids-limit 20 "$ID" 2>&1)
		check_eq update-pids-refused "exit 1: $(refusal pids)" "exit $?: $e"
		e=$(echo '{ "pids": { "limit": 44 } }' | "$RT" update --resources - "$ID" 2>&1)
		check_eq update-resources-stdin-refused "exit 1: $(refusal pids)" "exit $?: $e"
	fi
	if has_ctl memory; then
		e=$("$RT" update --memory 64m "$ID" 2>&1)
		check_eq update-memory "exit 0: 67108864" "exit $?: $(cat_cg "$D/memory.max")$e"
	else
		e=$("$RT" update --memory 64m "$ID" 2>&1)
		check_eq update-memory-refused "exit 1: $(refusal memory)" "exit $?: $e"
	fi
	# a core file: every host
	echo '{ "unified": { "cgroup.max.descendants": "4" } }' > "$TMPD/res.json"
	e=$("$RT" update --resources "$TMPD/res.json" "$ID" 2>&1)
	check_eq update-unified-core "exit 0: 4" "exit $?: $(cat_cg "$D/cgroup.max.descendants")$e"
	check_eq update-still-running running "$(ct_status "$ID")"
	"$RT" delete -f "$ID"
	after update
}

# ---- events ----------------------------------------------------------------------

# --stats once, --interval, and events ending with the container
t_cgroup_events() {
	need_rt_only events || return 0
	start_ct events 'sleep 100 & sleep 100 & i=0; while [ $i -lt 200000 ]; do i=$((i + 1)); done; echo ready; wait' ||
		return 0
	D=$CGM$PARENT/$ID
	poll file_has "$TMPD/events.out" ready
	E=$("$RT" events --stats "$ID" 2>&1)
	check_eq events-stats-one-line 1 "$(printf '%s\n' "$E" | wc -l | tr -d ' ')"
	check_match events-stats-head "^\{\"type\":\"stats\",\"id\":\"$ID\",\"data\":\{\"cpu\":\{\"usage\":\{\"total\":[0-9]+," "$E"
	t=$(printf '%s\n' "$E" | sed -n 's/.*"usage":{"total":\([0-9]*\),.*/\1/p')
	check_eq events-stats-cpu-total yes "$([ "${t:-0}" -gt 0 ] && echo yes || echo "total ${t:-missing}")"
	check_match events-stats-memory '"memory":\{' "$E"
	# without the pids controller runc counts cgroup.procs (fs2
	# statPidsFromCgroupProcs); its limit is 0 for "max" or none
	check_has events-stats-pids "\"pids\":{\"current\":$(nprocs "$D"),\"limit\":0}" "$E"
	timeout 1 "$RT" events --interval 200ms "$ID" > "$TMPD/ev.out" 2>&1
	n=$(grep -c '^{"type":"stats"' "$TMPD/ev.out")
	check_eq events-interval yes "$([ "$n" -ge 3 ] && [ "$n" -le 7 ] && echo yes || echo "$n stats lines in 1 s: $(head -c 300 "$TMPD/ev.out")")"
	# until the container stops
	( sleep 0.5; "$RT" kill "$ID" KILL ) &
	kp=$!
	timeout 10 "$RT" events --interval 100ms "$ID" > "$TMPD/ev.out" 2>&1
	check_eq events-ends-with-container "exit 0" "exit $?"
	wait $kp
	"$RT" delete -f "$ID"
	after events
}

# ---- kill --all, ps, exec ----------------------------------------------------------

# start_orphans NAME: start_ct NAME without a pid namespace, its init with
# a child and an orphan (which does not die with the init, only by the
# cgroup); waits for the three.  D is its cgroup.
start_orphans() {
	C_NAMESPACES='{ "type": "network" }, { "type": "ipc" }, { "type": "uts" }, { "type": "mount" }' \
		start_ct "$1" '(sleep 1000 &); sleep 1000 & echo ready; wait' || return 1
	D=$CGM$PARENT/$ID
	poll file_has "$TMPD/$1.out" ready
	have4() { [ "$(nprocs "$D")" -ge 3 ]; }
	poll have4
}

# exec_d: exec -d a sleep into $ID, its pid in $TMPD/exec.pid, its output
# in $TMPD/exec.out; its stdio not our pipe, which it would keep open
exec_d() {
	"$RT" exec -d --pid-file "$TMPD/exec.pid" "$ID" sleep 1000 \
		< /dev/null > "$TMPD/exec.out" 2>&1
}

# ps lists the cgroup's processes; exec -d joins the cgroup
t_cgroup_ps_exec() {
	start_orphans psexec || return 0
	pids=$(cat "$D/cgroup.procs")
	check_eq ps-json-is-cgroup-procs "$(echo "$pids" | sort -n)" "$(ps_pids "$ID" | sort -n)"
	exec_d
	check_eq cg-exec-d "exit 0: " "exit $?: $(cat "$TMPD/exec.out")"
	ep=$(cat "$TMPD/exec.pid" 2>/dev/null)
	check_eq exec-in-cgroup "$PARENT/$ID" "$(cg_of "$ep")"
	check_eq exec-in-cgroup-procs "$ep" "$(grep -x "$ep" "$D/cgroup.procs")"
}

# kill --all kills every process of the cgroup: the init, its child, the
# orphan and an exec'd one
t_cgroup_kill_all() {
	start_orphans killall || return 0
	exec_d || fail cg-kill-all-exec "exec -d exit 0" "$(cat "$TMPD/exec.out")"
	pids=$(cat "$D/cgroup.procs")
	e=$("$RT" kill --all "$ID" 9 2>&1)
	check_eq cg-kill-all "exit 0: " "exit $?: $e"
	pids_gone cg-kill-all-cgroup-gone $pids
	check_eq cg-kill-all-cgroup-empty 0 "$(nprocs "$D")"
	wait_status cg-kill-all-stopped "$ID" stopped
	"$RT" delete "$ID"
	cg_gone cg-kill-all-cgroup-removed "$D"
	after cg-kill-all
}
