# 91-process: process attributes beyond user and capabilities:
# linux.timeOffsets (a time namespace), process.scheduler,
# process.ioPriority, linux.personality, and apparmorProfile/selinuxLabel
# (applied, or refused on a host without that LSM).
#
# runc 1.1.5 has no timeOffsets, scheduler, ioPriority or personality
# (runc 1.2 added them): those tests are rt only.

. "$TOP/tests/lib-lifecycle.sh"

setup() {
	lc_setup
}

# after NAME: the id $ID left nothing behind
after() { nothing_left "$1-nothing-left" "$ID"; }

NS_DEF='{ "type": "pid" }, { "type": "network" }, { "type": "ipc" }, { "type": "uts" }, { "type": "mount" }'

# ---- time namespace (rt only) -----------------------------------------------------

t_process_timens() {
	need_feature process-timens CONFIG_TIMENS || return 0
	need_rt_only timens || return 0
	if [ ! -e /proc/self/ns/time ]; then
		skip timens "kernel without time namespaces"
	else
		h0=$(cut -d. -f1 /proc/uptime)
		C_NAMESPACES="$NS_DEF, { \"type\": \"time\" }" \
		C_LINUX_EXTRA=', "timeOffsets": { "boottime": { "secs": 86400, "nanosecs": 0 }, "monotonic": { "secs": 3600, "nanosecs": 0 } }' \
			sh_ct timens 'cut -d. -f1 /proc/uptime; cat /proc/self/timens_offsets'
		h1=$(cut -d. -f1 /proc/uptime)
		check_eq timens-exit "exit 0: " "exit $RC: $ERR"
		up=$(echo "$OUT" | sed -n 1p)
		if [ -n "$up" ] && [ "$up" -ge $((h0 + 86400)) ] 2>/dev/null &&
		    [ "$up" -le $((h1 + 86401)) ]; then ok timens-uptime
		else fail timens-uptime "$((h0 + 86400))..$((h1 + 86401))" "$up"; fi
		check_eq timens-offsets "$(printf '%-10s %10s %9s\n%-10s %10s %9s' \
			monotonic 3600 0 boottime 86400 0)" "$(echo "$OUT" | sed 1d)"
		after timens
	fi
	C_LINUX_EXTRA=', "timeOffsets": { "boottime": { "secs": 86400, "nanosecs": 0 } }' \
		sh_ct timens-nons 'echo ran'
	check_eq timens-needs-ns "exit 1: rt: config.json: linux.timeOffsets: needs a new time namespace" \
		"exit $RC: $OUT$ERR"
	after timens-nons
}

# ---- process.scheduler, process.ioPriority, linux.personality (rt only) ---------

# stat_fields: nice (19), rt_priority (40), policy (41) of the shell itself
stat_fields='set -- $(cat /proc/$$/stat); echo ${19} ${40} ${41}'

# sched NAME SCHEDULER-JSON EXPECTED
sched() {
	C_PROCESS_EXTRA=", \"scheduler\": $2" sh_ct "$1" "$stat_fields"
	check_eq "$1" "exit 0: $3: " "exit $RC: $OUT: $ERR"
	after "$1"
}
t_process_scheduler() {
	need_feature process-scheduler CONFIG_SCHEDULER || return 0
	need_rt_only scheduler || return 0
	sched sched-batch '{ "policy": "SCHED_BATCH", "nice": 5 }' "5 0 3"
	sched sched-fifo '{ "policy": "SCHED_FIFO", "priority": 10 }' "0 10 1"
	sched sched-idle '{ "policy": "SCHED_IDLE" }' "0 0 5"
}

# ioprio NAME IOPRIORITY-JSON EXPECTED (busybox ionice: "idle" has no prio)
ioprio() {
	C_PROCESS_EXTRA=", \"ioPriority\": $2" sh_ct "$1" 'ionice -p $$'
	check_eq "$1" "exit 0: $3: " "exit $RC: $OUT: $ERR"
	after "$1"
}
t_process_ioprio() {
	need_feature process-ioprio CONFIG_IOPRIORITY || return 0
	need_rt_only ioprio || return 0
	ioprio ioprio-idle '{ "class": "IOPRIO_CLASS_IDLE", "priority": 0 }' idle
	ioprio ioprio-be7 '{ "class": "IOPRIO_CLASS_BE", "priority": 7 }' "best-effort: prio 7"
}

t_process_personality() {
	need_feature process-personality CONFIG_PERSONALITY || return 0
	need_rt_only personality || return 0
	host_m=$(uname -m)
	C_LINUX_EXTRA=', "personality": { "domain": "LINUX" }' sh_ct pers 'uname -m'
	check_eq personality-linux "exit 0: $host_m: " "exit $RC: $OUT: $ERR"
	after pers
	case $host_m in		# what uname -m says under PER_LINUX32
	x86_64) m32=i686 ;;
	aarch64) m32=armv8l ;;
	s390x) m32=s390 ;;
	*) m32= ;;
	esac
	if [ -n "$m32" ]; then
		C_LINUX_EXTRA=', "personality": { "domain": "LINUX32" }' sh_ct pers32 'uname -m'
		check_eq personality-linux32 "exit 0: $m32: " "exit $RC: $OUT: $ERR"
		after pers32
	else
		skip personality-linux32 "$host_m has no 32-bit personality"
	fi
}

# ---- AppArmor / SELinux refused without the LSM (runc refuses too) -----------------

# has_lsm NAME: the LSM NAME is active on this host
has_lsm() {
	case ",$(cat /sys/kernel/security/lsm 2>/dev/null)," in *",$1,"*) return 0 ;; esac
	case $1 in
	apparmor) [ "$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)" = Y ] ||
		cat /proc/self/attr/apparmor/current > /dev/null 2>&1 ;;
	selinux) [ -e /sys/fs/selinux/enforce ] ;;
	esac
}
# lsm_err NAME FIELD-JSON MESSAGE
lsm_err() {
	C_PROCESS_EXTRA=", $2" sh_ct "$1" 'echo ran'
	if [ "$RT_IS_REF" = 1 ]; then
		check_eq "$1" "exit 1: " "exit $RC: $OUT"
	else
		check_eq "$1" "exit 1: $3" "exit $RC: $OUT$ERR"
	fi
	after "$1"
}

t_process_lsm_apparmor() {
	need_feature process-lsm-apparmor CONFIG_LSM || return 0
	if has_lsm apparmor; then
		# applied for real: the exec label is "unconfined" (always loaded),
		# and a profile the kernel does not have fails the run naming the field
		C_PROCESS_EXTRA=', "apparmorProfile": "unconfined"' sh_ct lsm-apparmor-unconfined \
			'cat /proc/self/attr/current'
		check_eq lsm-apparmor-unconfined "exit 0: unconfined" "exit $RC: $OUT"
		after lsm-apparmor-unconfined
		if need_rt_only lsm-apparmor-missing; then
			C_PROCESS_EXTRA=', "apparmorProfile": "rt-no-such-profile"' \
				sh_ct lsm-apparmor-missing 'echo ran'
			check_match lsm-apparmor-missing \
				'^exit 1: rt: process.apparmorProfile exec rt-no-such-profile: ' \
				"exit $RC: $OUT$ERR"
			after lsm-apparmor-missing
		fi
	else
		lsm_err lsm-apparmor '"apparmorProfile": "rt-test"' \
			'rt: config.json: process.apparmorProfile: AppArmor is not enabled on this host'
	fi
}

t_process_lsm_selinux() {
	need_feature process-lsm-selinux CONFIG_LSM || return 0
	if has_lsm selinux; then
		skip lsm-selinux "SELinux is enabled on this host"
	else
		lsm_err lsm-selinux '"selinuxLabel": "system_u:system_r:container_t:s0"' \
			'rt: config.json: process.selinuxLabel: SELinux is not enabled on this host'
	fi
}

# ---- runtime-spec 1.3: execCPUAffinity, memoryPolicy (rt only) -------------------

# cpus_allowed: the CPUs a process may run on (its /proc status)
CPUS='sed -n "s/^Cpus_allowed_list:[[:space:]]*//p" /proc/self/status'

# execCPUAffinity: for exec only (the spec: "not applicable to the
# container's init process"), config.json's the default for every exec,
# process.json's own over it; runc 1.1.5 has no such field
t_process_exec_cpu_affinity() {
	need_feature process-exec-cpu-affinity CONFIG_EXEC_CPU_AFFINITY || return 0
	need_rt_only exec-cpu-affinity || return 0
	if [ "$(grep -c '^processor' /proc/cpuinfo)" -lt 2 ] && [ "$(nproc 2>/dev/null || echo 1)" -lt 2 ]; then
		skip exec-cpu-affinity "one CPU: no affinity to tell apart"
		return 0
	fi
	host=$(sh -c "$CPUS")
	C_PROCESS_EXTRA=', "execCPUAffinity": { "initial": "0", "final": "1" }' \
		start_ct aff 'sleep 100' || return 0
	check_eq exec-cpu-affinity-not-init "$host" \
		"$(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' "/proc/$PID/status")"
	ex "$ID" sh -c "$CPUS"
	check_eq exec-cpu-affinity-final "exit 0: 1: " "exit $RC: $OUT: $ERR"
	printf '{ "args": [ "sh", "-c", "%s" ], "cwd": "/", "user": { "uid": 0, "gid": 0 } }' \
		"$(json_str "$CPUS")" > "$TMPD/p.json"
	ex -p "$TMPD/p.json" "$ID"
	check_eq exec-cpu-affinity-process-json-default "exit 0: 1: " "exit $RC: $OUT: $ERR"
	printf '{ "args": [ "sh", "-c", "%s" ], "cwd": "/", "user": { "uid": 0, "gid": 0 }, "execCPUAffinity": { "final": "0" } }' \
		"$(json_str "$CPUS")" > "$TMPD/p.json"
	ex -p "$TMPD/p.json" "$ID"
	check_eq exec-cpu-affinity-process-json-own "exit 0: 0: " "exit $RC: $OUT: $ERR"
	# initial alone: rt does not change it after the cgroup; the kernel
	# may (a cgroup with the cpuset controller gives its tasks its CPUs),
	# as the spec says: "determined by the Linux kernel"
	printf '{ "args": [ "sh", "-c", "%s" ], "cwd": "/", "user": { "uid": 0, "gid": 0 }, "execCPUAffinity": { "initial": "1" } }' \
		"$(json_str "$CPUS")" > "$TMPD/p.json"
	ex -p "$TMPD/p.json" "$ID"
	case "exit $RC: $OUT: $ERR" in
	"exit 0: 1: "|"exit 0: $host: ") ok exec-cpu-affinity-initial-only ;;
	*) fail exec-cpu-affinity-initial-only "exit 0: 1 (or $host, a cpuset's)" "exit $RC: $OUT: $ERR" ;;
	esac
	"$RT" delete -f "$ID"
	after exec-cpu-affinity
}

# memoryPolicy: set_mempolicy before execve, for the init and for exec;
# /proc/PID/numa_maps shows each mapping's policy
t_process_memory_policy() {
	need_feature process-memory-policy CONFIG_MEMORY_POLICY || return 0
	need_rt_only memory-policy || return 0
	if [ ! -e /proc/self/numa_maps ]; then
		skip memory-policy "kernel without NUMA (no /proc/self/numa_maps)"
		return 0
	fi
	pol='head -n 1 /proc/self/numa_maps | cut -d" " -f2'
	C_LINUX_EXTRA=', "memoryPolicy": { "mode": "MPOL_BIND", "nodes": "0", "flags": [ "MPOL_F_STATIC_NODES" ] }' \
		sh_ct mpol "$pol"
	check_eq memory-policy-bind "exit 0: bind=static:0: " "exit $RC: $OUT: $ERR"
	after memory-policy-bind
	C_LINUX_EXTRA=', "memoryPolicy": { "mode": "MPOL_INTERLEAVE", "nodes": "0" }' \
		start_ct mpolx 'sleep 100' || return 0
	ex "$ID" sh -c "$pol"
	check_eq memory-policy-exec "exit 0: interleave:0: " "exit $RC: $OUT: $ERR"
	printf '{ "args": [ "sh", "-c", "%s" ], "cwd": "/", "user": { "uid": 0, "gid": 0 } }' \
		"$(json_str "$pol")" > "$TMPD/p.json"
	ex -p "$TMPD/p.json" "$ID"
	check_eq memory-policy-exec-process-json "exit 0: interleave:0: " "exit $RC: $OUT: $ERR"
	"$RT" delete -f "$ID"
	after memory-policy-exec
	# a node the machine does not have: the kernel's EINVAL, named
	C_LINUX_EXTRA=', "memoryPolicy": { "mode": "MPOL_BIND", "nodes": "1023" }' \
		sh_ct mpolbad 'echo ran'
	check_eq memory-policy-no-node "exit 1: : rt: linux.memoryPolicy: set_mempolicy: Invalid argument" "exit $RC: $OUT: $ERR"
	after memory-policy-no-node
}
