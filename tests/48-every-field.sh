# 48-every-field: one config.json that sets every member runtime-spec
# v1.3.0 defines for Linux (tests/unit.c's spec_members, from the spec's
# schema), the way an engine sends many at once, walked field by field:
# rt refuses one member at a time, naming it, and the member is taken out
# and the config run again, until rt runs it; then every member left is
# observed inside the container or on the host.  The members rt refuses
# everywhere are exactly the expected ones; those a host may lack (an LSM,
# cgroup v2 controllers, a time namespace) are refused naming them or
# applied.  rt only: runc 1.1.5 knows half of 1.3.0.

# rt's Kconfig switches every test here needs (lib.sh t_run skips without):
# every one, since the config asks for every field
T_NEEDS="CONFIG_TERMINAL CONFIG_EXEC CONFIG_HOOKS CONFIG_SECCOMP CONFIG_SECCOMP_NOTIFY
	CONFIG_USERNS CONFIG_CGROUPS CONFIG_CGROUP_DEVICES CONFIG_SYSCTL CONFIG_TIMENS
	CONFIG_SCHEDULER CONFIG_IOPRIORITY CONFIG_PERSONALITY CONFIG_EXEC_CPU_AFFINITY
	CONFIG_MEMORY_POLICY CONFIG_LSM CONFIG_NET_DEVICES"

. "$TOP/tests/lib-lifecycle.sh"

setup() { lc_setup; }

# The template: each line a member may be taken out by starts with @TAG@;
# the config is the template without the tags.  Members that cannot be
# taken out alone (the last of an object) have none.
every_config() {
	sed 's/^@[a-z0-9]*@//' "$TMPD/every.tmpl" > "$B/config.json"
}

# What the container prints, a line a member (busybox sh)
EVERY_SH='
echo "user $(id -u) $(id -g) $(id -G) umask $(umask)"
echo "env $FOO cwd $(pwd) args $0 $1"
echo "caps $(sed -n "s/^CapEff:[[:space:]]*//p" /proc/self/status) $(sed -n "s/^CapBnd:[[:space:]]*//p" /proc/self/status) $(sed -n "s/^CapAmb:[[:space:]]*//p" /proc/self/status)"
echo "nofile $(ulimit -Sn) $(ulimit -Hn)"
echo "nnp $(sed -n "s/^NoNewPrivileges:[[:space:]]*//p;s/^NoNewPrivs:[[:space:]]*//p" /proc/self/status)"
echo "oom $(cat /proc/self/oom_score_adj)"
echo "sched nice $(cut -d" " -f19 /proc/$$/stat) policy $(cut -d" " -f41 /proc/$$/stat) child $(cut -d" " -f41 /proc/self/stat)"
echo "io $(ionice -p $$)"
echo "host $(hostname) $(cat /proc/sys/kernel/domainname)"
echo "uid_map $(cat /proc/self/uid_map | tr -s " " | sed "s/^ //") gid_map $(cat /proc/self/gid_map | tr -s " " | sed "s/^ //")"
echo "ipc $(readlink /proc/self/ns/ipc)"
echo "dev $(stat -c "%t:%T" /dev/full)"
echo "net $(ls /sys/class/net | tr "\n" " ")"
echo "sysctl $(cat /proc/sys/net/ipv4/ip_forward)"
echo "seccomp $(mkdir /tmp/notified 2>&1 && echo made; [ -d /tmp/notified ] && echo exists) $(chmod 0 / 2>&1 | sed "s/.*: //")"
echo "tmpcopyup $(cat /etc/from-image)"
echo "idmap $(stat -c "%u:%g" /mnt/idmap/own 2>/dev/null)"
echo "ro $( (: > /mnt/rro/sub/f) 2>&1 | sed "s/.*: //")"
echo "masked $(for f in /proc/kcore /proc/keys /proc/timer_list; do [ -e $f ] && { stat -c %t:%T $f; break; }; done) ro $(awk "\$5 == \"/proc/sys\" { print substr(\$6, 1, 2) }" /proc/self/mountinfo)"
echo "prop $(awk "\$5 == \"/\" { print (\$7 ~ /^shared/ ? \"shared\" : \"private\") }" /proc/self/mountinfo)"
echo "time $(cut -d" " -f1 /proc/uptime | cut -d. -f1)"
echo "pers $(uname -m)"
echo "hooks $(ls /run | tr "\n" " ")"
cd /sys/fs/cgroup && for f in memory.max memory.low memory.swap.max memory.high cpu.weight cpu.max cpu.max.burst cpu.idle cpuset.cpus cpuset.mems pids.max; do [ -f $f ] && echo "cg $f $(cat $f)"; done
true
'

t_every_field() {
	need_rt_only every-field || return 0
	need_cmd every-field ip || return 0
	need_cmd every-field unshare || return 0
	need_cmd every-field "$TOP/tests/seccompagent" || return 0
	host_m=$(uname -m)
	case $host_m in
	x86_64) M32=i686 ;; aarch64) M32=armv8l ;; s390x) M32=s390 ;;
	*) M32=$host_m ;;
	esac
	dom=LINUX32
	[ "$M32" = "$host_m" ] && dom=LINUX
	chmod 755 "$TMPD" "$B"	# the user namespace's root is 100000 on the host
	printf '%s' "$EVERY_SH" > "$B/rootfs/every.sh"
	mkdir -p "$B/rootfs/etc" "$B/rootfs/mnt/rro" "$B/rootfs/mnt/idmap" \
		"$B/rootfs/run" "$TMPD/rro/sub" "$TMPD/idm"
	echo image > "$B/rootfs/etc/from-image"
	mount -t tmpfs tmpfs "$TMPD/rro/sub"
	# the idmapped mount's source: $TMPD, or beside the suite where
	# $TMPD's filesystem cannot idmap (the guests' 6.1 tmpfs)
	IDM=$TMPD/idm
	case $(stat -f -c %T "$TMPD") in
	tmpfs|ramfs) [ "$(uname -r | cut -d. -f1)" -ge 7 ] ||
		[ "$(uname -r | cut -d. -f1)" -eq 6 ] && [ "$(uname -r | cut -d. -f2)" -ge 3 ] ||
		IDM=$TOP/.every-idm-$$ ;;
	esac
	mkdir -p "$IDM/own" && chown 0:0 "$IDM/own"
	# a namespace to join by path, a device to move in, a notify agent
	unshare -i sleep 1000 & nspid=$!
	agent=
	T_EXTRA_CLEANUP="kill $nspid 2>/dev/null; ip link del rtev1 2>/dev/null; umount -l $TMPD/rro/sub 2>/dev/null; rm -rf $TOP/.every-idm-$$"
	# blockIO's device entries need a disk (the initramfs guest has none)
	blk=
	for d in /sys/block/*/dev; do
		case $d in */loop*|*/ram*|*/zram*) continue ;; esac
		[ -f "$d" ] && { blk=$(cat "$d"); break; }
	done
	bmaj=${blk%:*} bmin=${blk#*:}
	snap_mounts
	cat > "$TMPD/every.tmpl" <<EOF
{
	"ociVersion": "1.3.0",
	"process": {
		"terminal": false,
		"consoleSize": { "height": 25, "width": 80 },
		"user": { "uid": 1000, "gid": 1000, "umask": 23,
			  "additionalGids": [ 2000 ], "username": "windows-only" },
		"args": [ "sh", "/every.sh", "arg1" ],
		"commandLine": "windows only",
		"env": [ "PATH=/bin", "FOO=bar" ],
		"cwd": "/tmp",
		"capabilities": {
			"bounding": [ "CAP_KILL", "CAP_CHOWN" ],
			"effective": [ "CAP_KILL" ],
			"inheritable": [ "CAP_KILL" ],
			"permitted": [ "CAP_KILL" ],
			"ambient": [ "CAP_KILL" ]
		},
		"rlimits": [ { "type": "RLIMIT_NOFILE", "hard": 512, "soft": 256 } ],
		"noNewPrivileges": true,
@apparmor@		"apparmorProfile": "rt-every",
		"oomScoreAdj": 100,
		"scheduler": { "policy": "SCHED_BATCH", "nice": 5, "priority": 0,
			"flags": [ "SCHED_FLAG_RESET_ON_FORK" ],
			"runtime": 0, "deadline": 0, "period": 0 },
@selinux@		"selinuxLabel": "system_u:system_r:container_t:s0",
		"ioPriority": { "class": "IOPRIO_CLASS_BE", "priority": 4 },
		"execCPUAffinity": { "initial": "0", "final": "0" }
	},
	"root": { "path": "rootfs", "readonly": true },
	"hostname": "every",
	"domainname": "every.example",
	"mounts": [
		{ "destination": "/proc", "type": "proc", "source": "proc" },
		{ "destination": "/dev", "type": "tmpfs", "source": "tmpfs",
		  "options": [ "nosuid", "strictatime", "mode=755", "size=65536k" ] },
		{ "destination": "/dev/pts", "type": "devpts", "source": "devpts",
		  "options": [ "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620" ] },
		{ "destination": "/sys", "type": "sysfs", "source": "sysfs",
		  "options": [ "nosuid", "noexec", "nodev", "ro" ] },
		{ "destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup",
		  "options": [ "nosuid", "noexec", "nodev", "relatime", "ro" ] },
		{ "destination": "/etc", "type": "tmpfs", "source": "tmpfs",
		  "options": [ "tmpcopyup", "nosuid", "nodev" ] },
		{ "destination": "/run", "type": "tmpfs", "source": "tmpfs",
		  "options": [ "nosuid", "nodev", "mode=777" ] },
@idmap@		{ "destination": "/mnt/idmap", "type": "bind", "source": "$IDM", "options": [ "rbind", "idmap" ], "uidMappings": [ { "containerID": 0, "hostID": 100000, "size": 65536 } ], "gidMappings": [ { "containerID": 0, "hostID": 200000, "size": 65536 } ] },
		{ "destination": "/mnt/rro", "type": "bind", "source": "$TMPD/rro",
		  "options": [ "rbind", "rro" ] }
	],
	"linux": {
		"namespaces": [ { "type": "pid" }, { "type": "network" },
			{ "type": "ipc", "path": "/proc/$nspid/ns/ipc" },
			{ "type": "uts" },
			{ "type": "mount" }, { "type": "user" },
@time@			{ "type": "time" },
			{ "type": "cgroup" } ],
		"uidMappings": [ { "containerID": 0, "hostID": 100000, "size": 65536 } ],
		"gidMappings": [ { "containerID": 0, "hostID": 200000, "size": 65536 } ],
@time@		"timeOffsets": { "boottime": { "secs": 86400, "nanosecs": 0 }, "monotonic": { "secs": 3600, "nanosecs": 5 } },
		"devices": [ { "type": "c", "path": "/dev/full", "major": 1, "minor": 7,
			"fileMode": 438, "uid": 0, "gid": 0 } ],
		"netDevices": { "rtev0": { "name": "eth9" } },
		"cgroupsPath": "rt-every-$$",
		"resources": {
@cg@			"memory": {
@cg@				"limit": 67108864, "reservation": 33554432, "swap": 134217728,
@kernel@				"kernel": 1048576,
@kerneltcp@				"kernelTCP": 1048576,
@swappiness@				"swappiness": 10,
@cg@				"disableOOMKiller": false, "useHierarchy": true,
@cg@				"checkBeforeUpdate": true },
@cg@			"cpu": { "shares": 1024, "quota": 50000, "burst": 1000, "period": 100000,
@cgrt@				"realtimeRuntime": 950000, "realtimePeriod": 1000000,
@cg@				"cpus": "0", "mems": "0", "idle": 0 },
@cg@			"blockIO": {
@leaf@				"leafWeight": 10,
@wdev@				"weightDevice": [ { "major": $bmaj, "minor": $bmin, "weight": 200, "leafWeight": 0 } ],
@blkdev@				"throttleReadBpsDevice": [ { "major": $bmaj, "minor": $bmin, "rate": 1048576 } ],
@blkdev@				"throttleWriteBpsDevice": [ { "major": $bmaj, "minor": $bmin, "rate": 2097152 } ],
@blkdev@				"throttleReadIOPSDevice": [ { "major": $bmaj, "minor": $bmin, "rate": 300 } ],
@blkdev@				"throttleWriteIOPSDevice": [ { "major": $bmaj, "minor": $bmin, "rate": 400 } ],
@cg@				"weight": 100 },
@hugetlb@			"hugepageLimits": [ { "pageSize": "2MB", "limit": 4194304 } ],
@network@			"network": { "classID": 1048577, "priorities": [ { "name": "eth0", "priority": 500 } ] },
@cg@			"pids": { "limit": 100 },
@rdma@			"rdma": { "mlx5_1": { "hcaHandles": 3, "hcaObjects": 10000 } },
@cg@			"unified": { "memory.high": "62914560" },
			"devices": [ { "allow": false, "access": "rwm" },
				{ "allow": true, "type": "c", "major": 1, "minor": 7, "access": "rwm" } ]
		},
@intelrdt@		"intelRdt": { "closID": "guaranteed_group", "l3CacheSchema": "L3:0=7f0;1=1f", "memBwSchema": "MB:0=20;1=70", "schemata": [ "L2:0=ff" ], "enableMonitoring": true },
		"sysctl": { "net.ipv4.ip_forward": "1" },
		"seccomp": {
			"defaultAction": "SCMP_ACT_ALLOW",
			"defaultErrnoRet": 1,
			"architectures": [ "SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32", "SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM" ],
			"flags": [ "SECCOMP_FILTER_FLAG_LOG" ],
			"listenerPath": "$TMPD/every.sock",
			"listenerMetadata": "every-metadata",
			"syscalls": [
				{ "names": [ "mkdir", "mkdirat" ], "action": "SCMP_ACT_NOTIFY" },
				{ "names": [ "chmod" ], "action": "SCMP_ACT_ERRNO", "errnoRet": 13,
				  "args": [ { "index": 1, "value": 0, "valueTwo": 0, "op": "SCMP_CMP_EQ" } ] },
				{ "names": [ "fchmodat" ], "action": "SCMP_ACT_ERRNO", "errnoRet": 13,
				  "args": [ { "index": 2, "value": 4095, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ" } ] }
			]
		},
		"rootfsPropagation": "private",
		"maskedPaths": [ "/proc/kcore", "/proc/keys", "/proc/timer_list" ],
		"readonlyPaths": [ "/proc/sys" ],
		"mountLabel": "system_u:object_r:container_file_t:s0",
@mpol@		"memoryPolicy": { "mode": "MPOL_PREFERRED", "nodes": "0", "flags": [ "MPOL_F_STATIC_NODES" ] },
		"personality": { "domain": "$dom", "flags": [] }
	},
	"hooks": {
		"prestart": [ { "path": "/bin/sh", "args": [ "sh", "-c", "echo prestart \$EVERY > $TMPD/hook.prestart" ], "env": [ "EVERY=p" ], "timeout": 10 } ],
		"createRuntime": [ { "path": "/bin/sh", "args": [ "sh", "-c", "echo createRuntime \$EVERY > $TMPD/hook.createRuntime; cat > $TMPD/hook.state" ], "env": [ "EVERY=cr" ], "timeout": 10 } ],
		"createContainer": [ { "path": "/bin/sh", "args": [ "sh", "-c", ": > $B/rootfs/run/createContainer-\$EVERY" ], "env": [ "EVERY=cc" ], "timeout": 10 } ],
		"startContainer": [ { "path": "/bin/sh", "args": [ "sh", "-c", ": > /run/startContainer-\$EVERY" ], "env": [ "EVERY=sc" ], "timeout": 10 } ],
		"poststart": [ { "path": "/bin/sh", "args": [ "sh", "-c", "echo poststart \$EVERY > $TMPD/hook.poststart" ], "env": [ "EVERY=ps" ], "timeout": 10 } ],
		"poststop": [ { "path": "/bin/sh", "args": [ "sh", "-c", "echo poststop \$EVERY > $TMPD/hook.poststop" ], "env": [ "EVERY=po" ], "timeout": 10 } ]
	},
	"annotations": { "org.example.every": "yes" }
}
EOF
	if [ -z "$blk" ]; then
		skip every-field-blockio-devices "no disk in /sys/block for blockIO's device entries"
		sed '/^@blkdev@/d;/^@wdev@/d' "$TMPD/every.tmpl" > "$TMPD/every.new" &&
			cat "$TMPD/every.new" > "$TMPD/every.tmpl"
	fi
	# the walk: a refusal naming a member of an @TAG@ line takes that
	# line (or, for the cgroup controllers a host lacks, the @cg@ ones)
	# out; anything else ends it
	ID=$(newid every); track "$ID"
	refused= w=0
	while [ $w -lt 30 ]; do
		w=$((w + 1))
		every_config
		# a run that went far enough took the device (a veth dies
		# with the namespace) and the agent's one connection
		if [ ! -e /sys/class/net/rtev0 ]; then
			i=0	# its peer goes a moment after the namespace
			while [ -e /sys/class/net/rtev1 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
			ip link add rtev0 type veth peer name rtev1
		fi
		[ -z "$agent" ] || kill $agent 2>/dev/null
		rm -f "$TMPD/every.sock" "$TMPD/agent"
		timeout "$T_TIMEOUT" "$TOP/tests/seccompagent" -o "$TMPD/agent" "$TMPD/every.sock" 2>/dev/null &
		agent=$!
		i=0
		while [ ! -S "$TMPD/every.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
		run_ct "$ID"
		[ "$RC" = 1 ] || break
		tag=
		case $ERR in
		"rt: config.json: process.apparmorProfile: "*|"rt: process.apparmorProfile exec rt-every: No such file or directory") tag=apparmor ;;
		"rt: config.json: process.selinuxLabel: "*) tag=selinux ;;
		"rt: config.json: linux.intelRdt: "*) tag=intelrdt ;;
		"rt: config.json: linux.resources.memory.kernel: "*) tag=kernel ;;
		"rt: config.json: linux.resources.memory.kernelTCP: "*) tag=kerneltcp ;;
		"rt: config.json: linux.resources.memory.swappiness: "*) tag=swappiness ;;
		"rt: config.json: linux.resources.blockIO.leafWeight: "*) tag=leaf ;;
		"rt: config.json: linux.resources.network: "*) tag=network ;;
		"rt: config.json: linux.resources.rdma: "*) tag=rdma ;;
		"rt: linux.memoryPolicy: set_mempolicy: "*) tag=mpol ;;
		"rt: cgroup: linux.resources.cpu.realtimeRuntime/realtimePeriod: "*) tag=cgrt ;;
		"rt: cgroup: linux.resources.hugepageLimits"*|"rt: cgroup: linux.resources needs the hugetlb controller"*) tag=hugetlb ;;
		"rt: cgroup: linux.resources needs the "*) tag=cg ;;
		*time*namespace*|*timeOffsets*) tag=time ;;
		# a filesystem without idmapped mounts (the guests' 6.1 tmpfs
		# and 9p); a disk without io cost for a device's weight
		"rt: mount $IDM on /mnt/idmap: idmapped mount: "*) tag=idmap ;;
		"rt: cgroup: linux.resources.blockIO.weightDevice[0]: write \"$blk "*"/io.weight: Not supported") tag=wdev ;;
		esac
		[ -n "$tag" ] || break
		refused="$refused$ERR
"
		del="/^@$tag@/d"
		[ $tag = cg ] && del="$del;/^@blkdev@/d;/^@wdev@/d;/^@hugetlb@/d"
		sed "$del" "$TMPD/every.tmpl" > "$TMPD/every.new" &&
			cat "$TMPD/every.new" > "$TMPD/every.tmpl"
		nothing_left "every-field-refused-$tag-nothing-left" "$ID"
	done
	printf '%s' "$refused" > "$TMPD/refused"
	# refused everywhere: these, each naming its member
	for m in 'linux.resources.memory.kernel: not on cgroup v2 (accepted: 0, -1 or null)' \
		 'linux.resources.memory.kernelTCP: not on cgroup v2 (accepted: 0, -1 or null)' \
		 'linux.resources.memory.swappiness: not on cgroup v2 (accepted: null)' \
		 'linux.resources.blockIO.leafWeight: not on cgroup v2 (accepted: 0, -1 or null)' \
		 'linux.resources.network: not supported yet' \
		 'linux.resources.rdma: not supported yet'; do
		check_eq "every-field-refused ${m%%:*}" "rt: config.json: $m" \
			"$(grep -F "rt: config.json: ${m%%:*}:" "$TMPD/refused")"
	done
	check_has every-field-refused-intelRdt 'rt: config.json: linux.intelRdt: ' "$refused"
	check_eq every-field-run "exit 0: " "exit $RC: $ERR"
	# what ran: every member left, observed
	exp_sched="sched nice 5 policy 3 child 3"	# BATCH is kept on fork
	exp_time=
	grep -q '^@time@' "$TMPD/every.tmpl" && exp_time=yes
	up=$(cut -d" " -f1 /proc/uptime | cut -d. -f1)
	got_up=$(printf '%s\n' "$OUT" | sed -n 's/^time //p')
	if [ -n "$exp_time" ]; then
		check_eq every-field-time-boottime yes "$([ "${got_up:-0}" -ge $((up + 86400 - 60)) ] && echo yes || echo "uptime $got_up, host $up")"
	else
		skip every-field-time-boottime "no time namespace: $(printf '%s' "$refused" | grep -i time)"
	fi
	out=$(printf '%s\n' "$OUT" | grep -v '^time ')
	exp_idmap=0:0
	grep -q '^@idmap@' "$TMPD/every.tmpl" || exp_idmap=
	exp_cg=
	grep -q '^@cg@' "$TMPD/every.tmpl" && exp_cg="
cg memory.max 67108864
cg memory.low 33554432
cg memory.swap.max 67108864
cg memory.high 62914560
cg cpu.weight 100
cg cpu.max 50000 100000
cg cpu.max.burst 1000
cg cpu.idle 0
cg cpuset.cpus 0
cg cpuset.mems 0
cg pids.max 100"
	# joined by path, beside a new user namespace (as runc's nsexec,
	# joined before that one is made)
	exp_ipc=$(readlink /proc/$nspid/ns/ipc)
	check_eq every-field-container "user 1000 1000 1000 2000 umask 0027
env bar cwd /tmp args /every.sh arg1
caps 0000000000000020 0000000000000021 0000000000000020
nofile 256 512
nnp 1
oom 100
$exp_sched
io best-effort: prio 4
host every every.example
uid_map 0 100000 65536 gid_map 0 200000 65536
ipc $exp_ipc
dev 1:7
net eth9 lo 
sysctl 1
seccomp made Permission denied
tmpcopyup image
idmap $exp_idmap
ro Read-only file system
masked 1:3 ro ro
prop private
pers $M32
hooks createContainer-cc startContainer-sc $exp_cg" "$out"
	check_eq every-field-hooks "prestart p
createRuntime cr
poststart ps
poststop po" "$(cat "$TMPD/hook.prestart" "$TMPD/hook.createRuntime" "$TMPD/hook.poststart" "$TMPD/hook.poststop" 2>&1)"
	check_has every-field-annotations '"org.example.every":"yes"' "$(cat "$TMPD/hook.state" 2>&1)"
	check_has every-field-listener-metadata '"every-metadata"' "$(cat "$TMPD/agent" 2>&1)"
	wait $agent
	nothing_left every-field-nothing-left "$ID"
	[ ! -e /sys/class/net/rtev1 ] && ok every-field-net-device-gone ||
		fail every-field-net-device-gone "rtev1 destroyed with its peer" "still there"
}
