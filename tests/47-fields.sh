# 47-fields: runtime-spec 1.3's fields at once, as engines send many
# together, each observed where it applies (inside the container or on the
# host) or refused naming it.  One config sets the process's user, umask,
# groups, env, cwd, capabilities, rlimits, no_new_privs, oomScoreAdj,
# scheduler, ioPriority; hostname and domainname; mounts with flags,
# recursive options, tmpcopyup; devices; sysctl; seccomp; masked and
# read-only paths; rootfsPropagation; personality; annotations; a hook;
# then exec with execCPUAffinity.  The fields rt refuses are refused one by
# one, by name.  (memoryPolicy, timeOffsets and netDevices need what some
# kernels here lack, NUMA, a time namespace, veth: 91-process and 30-run
# test them where they can.)  rt only: runc 1.1.5 lacks half of them.

. "$TOP/tests/lib-lifecycle.sh"

setup() {
	lc_setup
}

after() { nothing_left "$1-nothing-left" "$ID"; }

# what the container prints of itself, a line a field (sh, busybox)
FIELDS_SH='
id -u; id -g; id -G; umask
echo "env $FOO"; pwd
sed -n "s/^CapEff:[[:space:]]*//p" /proc/self/status
ulimit -n
sed -n "s/^NoNewPrivs:[[:space:]]*//p" /proc/self/status
cat /proc/self/oom_score_adj
echo "nice $(cut -d" " -f19 /proc/self/stat) policy $(cut -d" " -f41 /proc/self/stat)"
ionice -p $$
hostname; cat /proc/sys/kernel/domainname
stat -c "%t:%T %a" /dev/fields-null
cat /proc/sys/net/ipv4/ip_forward
mkdir /tmp/denied 2>&1
cat /etc/from-image
(echo x > /mnt/rro/sub/f) 2>/dev/null || echo rro
for f in /proc/kcore /proc/keys /proc/timer_list; do [ -e $f ] && { stat -c "%t:%T" $f; break; }; done
awk "\$5 == \"/proc/sys\" { print substr(\$6, 1, 3) }" /proc/self/mountinfo
uname -m
'

t_fields_together() {
	need_feature fields-together CONFIG_EXEC || return 0
	need_feature fields-together CONFIG_SCHEDULER || return 0
	need_rt_only fields || return 0
	host_m=$(uname -m)
	case $host_m in
	x86_64) M32=i686 ;; aarch64) M32=armv8l ;; s390x) M32=s390 ;;
	*) M32= ;;			# no 32-bit personality to ask for
	esac
	printf '%s' "$FIELDS_SH" > "$B/rootfs/fields.sh"
	echo image > "$B/rootfs/etc/from-image"
	mkdir -p "$TMPD/rro/sub" "$B/rootfs/mnt/rro"
	mount -t tmpfs tmpfs "$TMPD/rro/sub"
	T_EXTRA_CLEANUP="umount -l $TMPD/rro/sub 2>/dev/null"
	snap_mounts
	pers=
	[ -n "$M32" ] && pers=', "personality": { "domain": "LINUX32" }'
	ID=$(newid fields); track "$ID"
	C_ARGS='"sh", "/fields.sh"' C_ENV='"PATH=/bin", "FOO=bar"' C_CWD=/tmp \
	C_USER='"uid": 1000, "gid": 1000, "umask": 23, "additionalGids": [ 2000, 3000 ]' \
	C_CAPS='"bounding": [ "CAP_KILL", "CAP_CHOWN" ], "effective": [ "CAP_KILL" ], "permitted": [ "CAP_KILL" ], "ambient": [ "CAP_KILL" ], "inheritable": [ "CAP_KILL" ]' \
	C_RLIMITS='{ "type": "RLIMIT_NOFILE", "hard": 512, "soft": 512 }' \
	C_PROCESS_EXTRA=', "oomScoreAdj": 100, "scheduler": { "policy": "SCHED_BATCH", "nice": 5 }, "ioPriority": { "class": "IOPRIO_CLASS_BE", "priority": 4 }, "execCPUAffinity": { "final": "0" }' \
	C_HOSTNAME=fields C_ROOT_RO=false \
	C_MOUNTS_EXTRA=", { \"destination\": \"/etc\", \"type\": \"tmpfs\", \"source\": \"tmpfs\", \"options\": [ \"tmpcopyup\", \"nosuid\", \"nodev\" ] }, { \"destination\": \"/mnt/rro\", \"type\": \"bind\", \"source\": \"$TMPD/rro\", \"options\": [ \"rbind\", \"rro\" ] }" \
	C_LINUX_EXTRA=", \"devices\": [ { \"path\": \"/dev/fields-null\", \"type\": \"c\", \"major\": 1, \"minor\": 3, \"fileMode\": 384 } ], \"sysctl\": { \"net.ipv4.ip_forward\": \"1\" }, \"seccomp\": { \"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [ { \"names\": [ \"mkdir\", \"mkdirat\" ], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 13 } ] }, \"rootfsPropagation\": \"private\"$pers" \
	C_TOP_EXTRA=", \"domainname\": \"fields.example\", \"annotations\": { \"org.example.fields\": \"yes\" }, \"hooks\": { \"prestart\": [ { \"path\": \"/bin/sh\", \"args\": [ \"sh\", \"-c\", \"cat > $TMPD/hook.json\" ] } ] }" \
		mkconfig "$B"
	run_ct "$ID"
	check_eq fields-run "exit 0: 1000
1000
1000 2000 3000
0027
env bar
/tmp
0000000000000020
512
1
100
nice 5 policy 3
best-effort: prio 4
fields
fields.example
1:3 600
1
mkdir: can't create directory '/tmp/denied': Permission denied
image
rro
1:3
ro,
${M32:-$host_m}: " "exit $RC: $OUT: $ERR"
	check_has fields-hook-state '"org.example.fields":"yes"' "$(cat "$TMPD/hook.json" 2>&1)"
	after fields
	# exec: the config's execCPUAffinity (final 0), the process the
	# config's user
	if [ "$(grep -c '^processor' /proc/cpuinfo)" -ge 2 ]; then
		sed 's/"args": \[ "sh", "\/fields.sh" \]/"args": [ "sleep", "100" ]/' "$B/config.json" > "$TMPD/c" &&
			cat "$TMPD/c" > "$B/config.json"
		ID=$(newid fieldsx); track "$ID"
		"$RT" run -d --bundle "$B" "$ID" < /dev/null > "$TMPD/out" 2>&1
		ex "$ID" sh -c 'sed -n "s/^Cpus_allowed_list:[[:space:]]*//p" /proc/self/status; id -u'
		check_eq fields-exec "exit 0: 0
1000: " "exit $RC: $OUT: $ERR"
		"$RT" delete -f "$ID"
		after fields-exec
	else
		skip fields-exec "one CPU: execCPUAffinity cannot be told"
	fi
}

# what rt does not apply is refused, naming the field (each alone)
t_fields_refused() {
	need_feature fields-refused CONFIG_CGROUPS || return 0
	need_rt_only fields-refused || return 0
	rdt='resctrl is not mounted at /sys/fs/resctrl (no Intel RDT here)'
	[ -d /sys/fs/resctrl/info ] && rdt='not supported yet'
	for f in "intelRdt|\"intelRdt\": { \"closID\": \"x\" }|linux.intelRdt: $rdt" \
		 'rdma|"resources": { "devices": [ { "allow": false, "access": "rwm" } ], "rdma": { "mlx5_1": { "hcaHandles": 3 } } }|linux.resources.rdma: not supported yet' \
		 'network|"resources": { "devices": [ { "allow": false, "access": "rwm" } ], "network": { "classID": 1048577 } }|linux.resources.network: not supported yet'; do
		n=${f%%|*} r=${f#*|} m=${r#*|} r=${r%%|*}
		ID=$(newid "ref$n"); track "$ID"
		if [ "$n" = intelRdt ]; then
			C_LINUX_EXTRA=", $r" mkconfig "$B"
		else
			mkconfig "$B"
			awk -v r="$r" 'index($0, "\"resources\": { \"devices\"") { print "\t\t" r ","; next } { print }' \
				"$B/config.json" > "$TMPD/c" && cat "$TMPD/c" > "$B/config.json"
		fi
		run_ct "$ID"
		check_eq "fields-refused-$n" "exit 1: rt: config.json: $m" "exit $RC: $ERR"
		after "fields-refused-$n"
	done
}
