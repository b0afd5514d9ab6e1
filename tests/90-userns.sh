# 90-userns: user namespaces (linux.uidMappings/gidMappings, rootfs
# ownership, the default mounts and devices in a userns, a process user
# seen from the host), `spec --rootless` against runc's, and a rootless run
# by an unprivileged user.  The process attributes (scheduler, ioPriority,
# personality, time namespace, LSM labels) are 91-process.sh's.
#
# The rootless user is made with useradd (Debian) or by lines in /etc/passwd
# and /etc/group (the busybox guest has no adduser), and runs rt by
# util-linux setpriv or su.
# rt's Kconfig switches every test here needs (lib.sh t_run skips without)
T_NEEDS="CONFIG_USERNS"

. "$TOP/tests/lib-lifecycle.sh"

setup() {
	lc_setup
	# the userns root (host 100000) and the rootless user walk to their rootfs
	chmod 755 "$TMPD" "$TMPD/b"
}

# after NAME: the id $ID left nothing behind
after() { nothing_left "$1-nothing-left" "$ID"; }

# kmap A B C: a line of /proc/PID/uid_map as the kernel prints it
kmap() { printf '%10s %10s %10s' "$1" "$2" "$3"; }

# root of the userns is host 100000; 65536 ids cover tty (5) and nobody
UM='"uidMappings": [ { "containerID": 0, "hostID": 100000, "size": 65536 } ], "gidMappings": [ { "containerID": 0, "hostID": 100000, "size": 65536 } ]'
NS_DEF='{ "type": "pid" }, { "type": "network" }, { "type": "ipc" }, { "type": "uts" }, { "type": "mount" }'
NS_USER="$NS_DEF, { \"type\": \"user\" }"
OVU=$(cat /proc/sys/kernel/overflowuid 2>/dev/null || echo 65534)
OVG=$(cat /proc/sys/kernel/overflowgid 2>/dev/null || echo 65534)

# userns_why: why there are no user namespaces here (empty: there are)
userns_why() {
	if [ ! -e /proc/self/ns/user ]; then
		echo "kernel without user namespaces"
	elif [ "$(cat /proc/sys/user/max_user_namespaces 2>/dev/null)" = 0 ]; then
		echo "/proc/sys/user/max_user_namespaces is 0"
	fi
}
# need_userns NAME: skip NAME (return 1) without user namespaces; else the
# C_* of a container in a new userns mapped to host 100000
need_userns() {
	_w=$(userns_why)
	if [ -n "$_w" ]; then skip "$1" "$_w"; return 1; fi
	export C_NAMESPACES="$NS_USER" C_LINUX_EXTRA=", $UM"
	return 0
}
# mapped_bundle: a bundle in $TMPD/u chowned to the mapped range (B)
mapped_bundle() {
	mkbundle "$TMPD/u"
	chmod 755 "$TMPD/u"
	chown -R 100000:100000 "$B/rootfs"
}

# ---- user namespace, run as root ----------------------------------------------

# rootfs still owned by host root: unmapped, so nobody's and not writable
t_userns_unmapped() {
	need_userns userns-unmapped || return 0
	C_ROOT_RO=false sh_ct hostroot 'stat -c %u:%g /bin/busybox /; touch /x; echo $?'
	check_eq userns-unmapped-owner "$OVU:$OVG $OVU:$OVG" \
		"$(echo $(echo "$OUT" | sed -n 1,2p))"
	check_eq userns-unmapped-not-writable "exit 0: 1: touch: /x: Permission denied" \
		"exit $RC: $(echo "$OUT" | sed -n 3p): $ERR"
	[ -e "$B/rootfs/x" ] && fail userns-unmapped-no-file "no $B/rootfs/x" "created"
	after hostroot
}

# a bundle chowned to the mapped range
t_userns_mapped() {
	need_userns userns-mapped || return 0
	mapped_bundle
	C_ROOT_RO=false sh_ct maps 'cat /proc/self/uid_map; cat /proc/self/gid_map; id; stat -c %u:%g /bin/busybox /etc/passwd; touch /x && echo wrote; stat -c %u:%g /x'
	check_eq userns-exit "exit 0: " "exit $RC: $ERR"
	check_eq userns-uid-map "$(kmap 0 100000 65536)" "$(echo "$OUT" | sed -n 1p)"
	check_eq userns-gid-map "$(kmap 0 100000 65536)" "$(echo "$OUT" | sed -n 2p)"
	check_match userns-id '^uid=0\(root\) gid=0\(root\)( |$)' "$(echo "$OUT" | sed -n 3p)"
	check_eq userns-mapped-owner "0:0 0:0" "$(echo $(echo "$OUT" | sed -n 4,5p))"
	check_eq userns-rootfs-writable "wrote 0:0" "$(echo $(echo "$OUT" | sed -n 6,7p))"
	check_eq userns-file-host-owner "100000:100000" \
		"$(stat -c %u:%g "$B/rootfs/x" 2>&1)"
	after maps
}

# a created init waits in rt's code: root of the user namespace must not
# reach rt's binary through /proc/1/exe (CVE-2019-5736; rt only: runc's
# init is a sealed copy)
t_userns_init_not_dumpable() {
	need_userns userns-init-not-dumpable || return 0
	need_rt_only userns-init-not-dumpable || return 0
	mapped_bundle
	create_ct undump 'true'
	x=$(timeout "$T_TIMEOUT" "$RT" exec "$ID" sh -c \
		'readlink /proc/1/exe || echo denied; head -c 4 /proc/1/exe || echo denied' 2>/dev/null)
	check_eq userns-init-not-dumpable "exit 0: denied denied" "exit $RC: $(echo $x)"
	"$RT" delete -f "$ID" > /dev/null 2>&1
	ID=$(newid undump)
	after undump
}

# the default mounts (sysfs: the netns makes it mountable) and devices
t_userns_mounts() {
	need_userns userns-mounts || return 0
	mapped_bundle
	mnts='/proc /dev /dev/pts /dev/shm /dev/mqueue /sys'
	sh_ct mounts "awk -v want='$mnts' 'BEGIN { n = split(want, w, \" \"); for (i = 1; i <= n; i++) m[w[i]] = 1 } { for (i = 7; \$i != \"-\"; i++); if (\$5 in m) print \$5, \$(i + 1) }' /proc/self/mountinfo | sort
echo devpts \$(grep ' - devpts ' /proc/self/mountinfo | sed 's/.* //')
ls /sys/class/net
echo x > /dev/null && echo null-ok
head -c 3 /dev/zero | wc -c
head -c 4 /dev/urandom | wc -c
exec 3<>/dev/ptmx && stat -c %u:%g /dev/pts/0"
	check_eq userns-mounts-exit "exit 0: " "exit $RC: $ERR"
	check_eq userns-mounts "$(printf '%s proc\n%s tmpfs\n%s devpts\n%s mqueue\n%s tmpfs\n%s sysfs' \
		/proc /dev /dev/pts /dev/mqueue /dev/shm /sys | sort)" \
		"$(echo "$OUT" | grep '^/' | sort)"
	# devpts prints its gid= option as a host gid: container 5 is 100005
	check_match userns-devpts-gid5 '^devpts .*[ ,]gid=100005(,|$)' "$OUT"
	check_eq userns-sysfs-netns lo "$(echo "$OUT" | sed -n '/^devpts /{n;p;}')"
	check_eq userns-dev-null null-ok "$(echo "$OUT" | grep '^null')"
	check_eq userns-dev-zero-urandom "3 4" "$(echo $(echo "$OUT" | grep -x '[0-9][0-9]*'))"
	check_eq userns-pty-group-tty 0:5 "$(echo "$OUT" | tail -n 1)"
	after userns-mounts
}

# linux.devices in a user namespace: the host's node bound (mknod is not
# allowed there, as runc), so what the config says of it must be that
# node: its numbers, its mode, its owner as the host names it (docker's
# and runc's lookups write that) or as the container does; else refused
# naming the member
t_userns_devices() {
	need_userns userns-devices || return 0
	_st=$(stat -c '%a %u %g' /dev/full)
	_full() { echo "\"devices\": [ { \"type\": \"c\", \"path\": \"/dev/full\", \"major\": 1, \"minor\": $1$2 } ]"; }
	C_LINUX_EXTRA=", $UM, $(_full 7 ', "fileMode": 438, "uid": 0, "gid": 0')" \
		sh_ct devs 'stat -c "%t:%T %a" /dev/full; echo x > /dev/full || echo full'
	check_eq userns-devices-bound "exit 0: 1:7 666 full: sh: write error: No space left on device" \
		"exit $RC: $(echo $OUT): $ERR"
	after userns-devices-bound
	check_eq userns-devices-host-node "666 0 0" "$_st"
	C_LINUX_EXTRA=", $UM, $(_full 9 '')" sh_ct devminor 'echo ran'
	check_eq userns-devices-numbers "exit 1: : rt: config.json: linux.devices[0]: the host's /dev/full is not char 1:9 (in a user namespace rt binds the host's node, as mknod is not allowed there)" \
		"exit $RC: $OUT: $ERR"
	after userns-devices-numbers
	C_LINUX_EXTRA=", $UM, $(_full 7 ', "fileMode": 384')" sh_ct devmode 'echo ran'
	check_eq userns-devices-mode "exit 1: : rt: config.json: linux.devices[0].fileMode: 0600: the host's /dev/full is 0666 (in a user namespace rt binds the host's node, as mknod is not allowed there)" \
		"exit $RC: $OUT: $ERR"
	after userns-devices-mode
	C_LINUX_EXTRA=", $UM, $(_full 7 ', "uid": 1000')" sh_ct devuid 'echo ran'
	check_eq userns-devices-uid "exit 1: : rt: config.json: linux.devices[0].uid: 1000: the host's /dev/full belongs to uid 0 (in a user namespace rt binds the host's node, as mknod is not allowed there)" \
		"exit $RC: $OUT: $ERR"
	after userns-devices-uid
}

# process user 1000 is host 101000, seen from the host while it runs
t_userns_user_host() {
	need_userns userns-user-host || return 0
	mapped_bundle
	if C_USER='"uid": 1000, "gid": 1000' start_ct u1000 'sleep 60'; then
		check_eq userns-user-host-uid "Uid:	101000	101000	101000	101000" \
			"$(grep '^Uid:' "/proc/$PID/status" 2>&1)"
		check_eq userns-user-host-gid "Gid:	101000	101000	101000	101000" \
			"$(grep '^Gid:' "/proc/$PID/status" 2>&1)"
		check_eq userns-user-uid-map "$(kmap 0 100000 65536)" \
			"$(cat "/proc/$PID/uid_map" 2>&1)"
		"$RT" delete -f "$ID" > "$TMPD/del.out" 2>&1
		check_eq userns-user-delete "" "$(cat "$TMPD/del.out")"
		pids_gone userns-user-gone "$PID"
	else
		"$RT" delete -f "$ID" > /dev/null 2>&1
	fi
	after u1000
}

# without a netns sysfs cannot be mounted in a userns: bind the host's
# /sys as `spec --rootless` does
t_userns_sys_rbind() {
	need_userns userns-sys-rbind || return 0
	mapped_bundle
	C_NAMESPACES='{ "type": "pid" }, { "type": "ipc" }, { "type": "uts" }, { "type": "mount" }, { "type": "user" }' \
		sh_config 'stat -c %u /sys/kernel; grep -c "^[^ ]* [^ ]* [^ ]* [^ ]* /sys " /proc/self/mountinfo'
	sed 's|"type": "sysfs", "source": "sysfs",|"type": "none", "source": "/sys",|; s|\[ "nosuid", "noexec", "nodev", "ro" \]|[ "rbind", "nosuid", "noexec", "nodev", "ro" ]|' \
		"$B/config.json" > "$TMPD/c" && cat "$TMPD/c" > "$B/config.json"
	ID=$(newid sysbind); track "$ID"
	run_ct "$ID"
	check_eq userns-sys-rbind "exit 0: $OVU 1: " "exit $RC: $(echo $OUT): $ERR"
	after sysbind
}

# ---- spec --rootless --------------------------------------------------------------

t_userns_spec_rootless() {
	mkdir "$TMPD/s1"
	(cd "$TMPD/s1" && "$RT" spec --rootless) > "$TMPD/out" 2>&1; rc=$?
	check_eq spec-rootless-exit "exit 0: " "exit $rc: $(cat "$TMPD/out")"
	check_eq spec-rootless-hostids "\"hostID\":$(id -u) \"hostID\":$(id -g)" \
		"$(echo $(grep '"hostID"' "$TMPD/s1/config.json" | tr -d ' 	,'))"
	if need_rt_only spec-rootless-hostname; then
		check_eq spec-rootless-hostname '"hostname": "rt",' \
			"$(grep '"hostname"' "$TMPD/s1/config.json" | sed 's/^[ 	]*//')"
	fi
	if skip_without_cmd spec-rootless-same-as-runc runc; then
		mkdir "$TMPD/s2"
		(cd "$TMPD/s2" && runc spec --rootless)
		a=$(grep -v -e '"hostname"' -e '"ociVersion"' "$TMPD/s1/config.json")
		b=$(grep -v -e '"hostname"' -e '"ociVersion"' "$TMPD/s2/config.json")
		if [ "$a" = "$b" ]; then ok spec-rootless-same-as-runc
		else fail spec-rootless-same-as-runc "runc spec --rootless" \
			"$(diff "$TMPD/s2/config.json" "$TMPD/s1/config.json" | head -20)"; fi
	fi
}

# ---- rootless: an unprivileged user runs a `spec --rootless` bundle ---------------

RL_U=rt$$
# as_user CMDLINE: sh -c CMDLINE as $RL_U
as_user() {
	if [ "$RL_HOW" = setpriv ]; then
		setpriv --reuid="$RL_UID" --regid="$RL_GID" --clear-groups sh -c "$1"
	else
		su -s /bin/sh "$RL_U" -c "$1"
	fi
}
# rl_config SCRIPT: the spec's config with terminal false, args sh -c SCRIPT
rl_config() {
	awk -v a="\"sh\", \"-c\", \"$(json_str "$1")\"" '
		/^[ \t]*"sh"$/ { sub(/"sh"/, a) }
		/"terminal": true/ { sub(/true/, "false") }
		{ print }' "$TMPD/rl.json" > "$RL/config.json"
}

t_userns_rootless() {
	rootless_why=
	if [ "$(id -u)" != 0 ]; then
		rootless_why="the suite is not running as root (it makes a user)"
	elif [ -n "$(userns_why)" ]; then
		rootless_why="no user namespaces"
	elif [ "$(cat /proc/sys/kernel/unprivileged_userns_clone 2>/dev/null)" = 0 ]; then
		rootless_why="/proc/sys/kernel/unprivileged_userns_clone is 0"
	elif [ "$(cat /proc/sys/kernel/apparmor_restrict_unprivileged_userns 2>/dev/null)" = 1 ]; then
		rootless_why="/proc/sys/kernel/apparmor_restrict_unprivileged_userns is 1"
	elif setpriv --reuid=0 --regid=0 --clear-groups true 2>/dev/null; then
		RL_HOW=setpriv			# util-linux (busybox setpriv has no --reuid)
	elif command -v su > /dev/null 2>&1; then
		RL_HOW=su
	else
		rootless_why="neither util-linux setpriv nor su"
	fi

	if [ -z "$rootless_why" ]; then
		if command -v useradd > /dev/null 2>&1; then
			useradd -M -U -s /bin/sh "$RL_U" || rootless_why="useradd $RL_U failed"
			RL_DEL="userdel $RL_U > /dev/null 2>&1"
		else
			RL_UID=2000
			while grep -q "^[^:]*:[^:]*:$RL_UID:" /etc/passwd /etc/group; do
				RL_UID=$((RL_UID + 1))
			done
			echo "$RL_U:x:$RL_UID:$RL_UID::/:/bin/sh" >> /etc/passwd
			echo "$RL_U:x:$RL_UID:" >> /etc/group
			RL_DEL="sed -i '/^$RL_U:/d' /etc/passwd /etc/group"
		fi
		# a container left running is killed by its pid (its state is in TMPD)
		T_EXTRA_CLEANUP="[ -n \"\$RL_PID\" ] && kill -9 \"\$RL_PID\" 2>/dev/null; $RL_DEL"
		RL_UID=$(id -u "$RL_U") RL_GID=$(id -g "$RL_U")
		if [ -z "$rootless_why" ] && ! as_user 'unshare -U true' > /dev/null 2>&1; then
			rootless_why="$RL_U cannot make a user namespace (unshare -U fails)"
		fi
	fi
	if [ -n "$rootless_why" ]; then
		skip rootless "$rootless_why"
		return 0
	fi

	RL=$TMPD/rl X=$RL/xdg
	mkbundle "$RL"
	mkdir -m 700 "$X"
	chown -R "$RL_UID:$RL_GID" "$RL"
	# env for every command: rt's state goes below $X/rt
	RL_ENV="cd $RL && XDG_RUNTIME_DIR=$X HOME=$RL"
	as_user "$RL_ENV $REAL_RT spec --rootless" > "$TMPD/out" 2>&1; rc=$?
	check_eq rootless-spec "exit 0: " "exit $rc: $(cat "$TMPD/out")"
	check_eq rootless-spec-hostids "\"hostID\":$RL_UID \"hostID\":$RL_GID" \
		"$(echo $(grep '"hostID"' "$RL/config.json" | tr -d ' 	,'))"
	cp "$RL/config.json" "$TMPD/rl.json"

	ID=$(newid rootless)
	rl_config 'id; cat /proc/self/uid_map; cat /proc/self/gid_map; stat -c %u:%g /bin/busybox; touch /x; echo $?'
	as_user "$RL_ENV timeout $T_TIMEOUT $REAL_RT --root $X/rt run $ID" \
		< /dev/null > "$TMPD/rl.out" 2> "$TMPD/rl.err"
	RC=$? OUT=$(cat "$TMPD/rl.out") ERR=$(cat "$TMPD/rl.err")
	check_rc rootless-run 0
	check_match rootless-id '^uid=0\(root\) gid=0\(root\)( |$)' "$(echo "$OUT" | sed -n 1p)"
	check_eq rootless-uid-map "$(kmap 0 "$RL_UID" 1)" "$(echo "$OUT" | sed -n 2p)"
	check_eq rootless-gid-map "$(kmap 0 "$RL_GID" 1)" "$(echo "$OUT" | sed -n 3p)"
	check_eq rootless-owner 0:0 "$(echo "$OUT" | sed -n 4p)"
	# root.readonly true in the spec; the cgroup may be skipped with a warning
	check_eq rootless-readonly 1 "$(echo "$OUT" | sed -n 5p)"
	check_eq rootless-stderr "touch: /x: Read-only file system" \
		"$(echo "$ERR" | grep -v '^rt: warning: ')"
	STATE_ROOT=$X/rt
	nothing_left rootless-nothing-left "$ID"

	ID=$(newid rootless-d)
	rl_config 'sleep 60'
	as_user "$RL_ENV timeout $T_TIMEOUT $REAL_RT --root $X/rt run -d $ID" \
		< /dev/null > "$TMPD/rld.out" 2>&1
	RC=$?
	check_eq rootless-run-d "exit 0" "exit $RC$(grep -v '^rt: warning: ' "$TMPD/rld.out" | sed 's/^/: /')"
	check_eq rootless-list "$ID" "$(as_user "$REAL_RT --root $X/rt list -q" 2>&1)"
	ST=$(as_user "$REAL_RT --root $X/rt state $ID" 2>&1)
	RL_PID=$(state_field pid)
	if [ -n "$RL_PID" ]; then
		check_eq rootless-host-uid "Uid:	$RL_UID	$RL_UID	$RL_UID	$RL_UID" \
			"$(grep '^Uid:' "/proc/$RL_PID/status" 2>&1)"
	else
		fail rootless-host-uid "a pid in the state" "$ST"
	fi
	as_user "$REAL_RT --root $X/rt delete -f $ID" > "$TMPD/out" 2>&1; rc=$?
	check_eq rootless-delete "exit 0: " "exit $rc: $(cat "$TMPD/out")"
	[ -n "$RL_PID" ] && pids_gone rootless-gone "$RL_PID"
	nothing_left rootless-d-nothing-left "$ID"
	check_eq rootless-state-dir-empty "" "$(ls -A "$X/rt" 2>&1)"

	eval "$RL_DEL"
	T_EXTRA_CLEANUP=
	if grep -q "^$RL_U:" /etc/passwd /etc/group; then
		fail rootless-user-removed "no $RL_U in /etc/passwd, /etc/group" "still there"
	fi
}

# ---- a user namespace joined by path (a pod's: runc 1.2, rt only here) -------

# holder_userns: a process in a new user namespace mapped like $UM, as a
# pod's sandbox holds one; $HOLDER its pid (killed at cleanup)
holder_userns() {
	unshare -U sleep 1000 < /dev/null > /dev/null 2>&1 &
	HOLDER=$!
	T_EXTRA_CLEANUP="kill -9 $HOLDER 2>/dev/null; $T_EXTRA_CLEANUP"
	in_own() { [ "$(readlink /proc/$HOLDER/ns/user 2>/dev/null)" != "$(readlink /proc/self/ns/user)" ]; }
	poll in_own || return 1
	echo "0 100000 65536" > "/proc/$HOLDER/uid_map" &&
		echo "0 100000 65536" > "/proc/$HOLDER/gid_map"
}

# the container joins it: its user namespace is the holder's, its own
# uts, mount and pid namespaces belong to it (its root may set the
# hostname and mount), and exec joins it too; the config's mappings, when
# given, must be the namespace's
t_userns_join_path() {
	need_rt_only userns-join || return 0
	need_userns userns-join || return 0
	need_cmd userns-join unshare || return 0
	holder_userns || { fail userns-join "a holder user namespace" "none"; return 0; }
	NS_JOIN="$NS_DEF, { \"type\": \"user\", \"path\": \"/proc/$HOLDER/ns/user\" }"
	C_NAMESPACES=$NS_JOIN C_LINUX_EXTRA= C_CAPS='"bounding": [ "CAP_SYS_ADMIN" ], "effective": [ "CAP_SYS_ADMIN" ], "permitted": [ "CAP_SYS_ADMIN" ]' \
		start_ct join 'sleep 100' || return 0
	check_eq userns-join-ns "$(readlink /proc/$HOLDER/ns/user)" "$(readlink /proc/$PID/ns/user)"
	check_eq userns-join-map "$(kmap 0 100000 65536)" "$(cat /proc/$PID/uid_map)"
	ex "$ID" sh -c 'hostname joined && hostname; mount -t tmpfs t /mnt && echo mounted; cat /proc/self/uid_map'
	check_eq userns-join-own-ns "exit 0: joined
mounted
$(kmap 0 100000 65536): " "exit $RC: $OUT: $ERR"
	check_eq userns-join-host-uid "100000" "$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/$PID/status)"
	"$RT" delete -f "$ID"
	after userns-join
	C_NAMESPACES=$NS_JOIN C_LINUX_EXTRA=", $UM" sh_ct joinmap 'cat /proc/self/uid_map'
	check_eq userns-join-same-maps "exit 0: $(kmap 0 100000 65536): " "exit $RC: $OUT: $ERR"
	after userns-join-same-maps
	C_NAMESPACES=$NS_JOIN C_LINUX_EXTRA=', "uidMappings": [ { "containerID": 0, "hostID": 200000, "size": 65536 } ], "gidMappings": [ { "containerID": 0, "hostID": 100000, "size": 65536 } ]' \
		sh_ct joinbad 'echo ran'
	check_eq userns-join-other-maps "exit 1: : rt: config.json: linux.uidMappings: not the mappings of the user namespace /proc/$HOLDER/ns/user" "exit $RC: $OUT: $ERR"
	after userns-join-other-maps
}

# a pod with a user namespace: its user namespace joined by path, and a
# network namespace the host's owns (the CNI's, made before the pod), also
# by path: rt's helper joins that one first, with the host's rights, then
# the user namespace (runc 1.2's nsexec order); exec joins them too
t_userns_join_host_netns() {
	need_rt_only userns-join-host-netns || return 0
	need_userns userns-join-host-netns || return 0
	need_cmd userns-join-host-netns unshare || return 0
	holder_userns || { fail userns-join-host-netns "a holder user namespace" "none"; return 0; }
	unshare -n sleep 1000 < /dev/null > /dev/null 2>&1 &
	NETH=$!
	T_EXTRA_CLEANUP="kill -9 $NETH 2>/dev/null; $T_EXTRA_CLEANUP"
	in_net() { [ "$(readlink /proc/$NETH/ns/net 2>/dev/null)" != "$(readlink /proc/self/ns/net)" ]; }
	poll in_net || { fail userns-join-host-netns "a holder of a network namespace" "none"; return 0; }
	NET=$(readlink /proc/$NETH/ns/net)
	C_NAMESPACES="{ \"type\": \"pid\" }, { \"type\": \"network\", \"path\": \"/proc/$NETH/ns/net\" }, { \"type\": \"ipc\" }, { \"type\": \"uts\" }, { \"type\": \"mount\" }, { \"type\": \"user\", \"path\": \"/proc/$HOLDER/ns/user\" }" \
	C_LINUX_EXTRA= start_ct joinnet 'sleep 100' || return 0
	check_eq userns-join-host-netns "$(readlink /proc/$HOLDER/ns/user) $NET" \
		"$(readlink /proc/$PID/ns/user) $(readlink /proc/$PID/ns/net)"
	ex "$ID" sh -c 'readlink /proc/self/ns/net; cat /proc/self/uid_map'
	check_eq userns-join-host-netns-exec "exit 0: $NET $(echo $(kmap 0 100000 65536)): " \
		"exit $RC: $(echo $OUT): $ERR"
	"$RT" delete -f "$ID"
	after userns-join-host-netns
}

# a pod sharing its user and pid namespaces: both joined by path; rt
# knows the init by its host pid (the helper joins the pid namespace, so
# clone tells it as rt sees it)
t_userns_join_pidns() {
	need_rt_only userns-join-pidns || return 0
	need_userns userns-join-pidns || return 0
	need_cmd userns-join-pidns unshare || return 0
	# its sleep is its pid namespace's init: only SIGKILL ends it
	unshare -U -p -f sleep 1000 < /dev/null > /dev/null 2>&1 &
	U=$!
	T_EXTRA_CLEANUP="kill -9 $U 2>/dev/null; $T_EXTRA_CLEANUP"
	in_pidns() { HOLDER=$(pgrep -P $U sleep 2>/dev/null || ps -o pid,ppid,comm | awk -v p=$U '$2 == p && $3 == "sleep" { print $1 }'); [ -n "$HOLDER" ]; }
	poll in_pidns || { fail userns-join-pidns "a holder in its own pid namespace" "none"; return 0; }
	T_EXTRA_CLEANUP="kill -9 $HOLDER 2>/dev/null; $T_EXTRA_CLEANUP"
	echo "0 100000 65536" > "/proc/$HOLDER/uid_map" && echo "0 100000 65536" > "/proc/$HOLDER/gid_map"
	C_NAMESPACES="{ \"type\": \"pid\", \"path\": \"/proc/$HOLDER/ns/pid\" }, { \"type\": \"network\" }, { \"type\": \"ipc\" }, { \"type\": \"uts\" }, { \"type\": \"mount\" }, { \"type\": \"user\", \"path\": \"/proc/$HOLDER/ns/user\" }" \
	C_LINUX_EXTRA= start_ct joinpid 'sleep 100' || return 0
	check_eq userns-join-pidns "$(readlink /proc/$HOLDER/ns/pid) $(readlink /proc/$HOLDER/ns/user) sleep" \
		"$(readlink /proc/$PID/ns/pid) $(readlink /proc/$PID/ns/user) $(cat /proc/$PID/comm)"
	"$RT" delete -f "$ID"
	after userns-join-pidns
}

# a new user namespace beside a network namespace the host's owns, joined
# by path (a netns made for the container beforehand, as with CNI): rt
# joins it before it makes the user namespace, as runc's nsexec does (the
# new one could not), and exec joins it too.  It is not the container
# root's: it may not change it.  (A joined ipc or pid namespace would fail
# the mqueue or proc mount, in runc too: the kernel wants the mounter to
# own it.)
t_userns_new_join_host_ns() {
	need_rt_only userns-new-join || return 0	# runc 1.1.5: mount sysfs: EPERM
	need_userns userns-new-join || return 0
	need_cmd userns-new-join unshare || return 0
	unshare -n sleep 1000 < /dev/null > /dev/null 2>&1 &
	HOLDER=$!
	T_EXTRA_CLEANUP="kill -9 $HOLDER 2>/dev/null; $T_EXTRA_CLEANUP"
	in_own() { [ "$(readlink /proc/$HOLDER/ns/net 2>/dev/null)" != "$(readlink /proc/self/ns/net)" ]; }
	poll in_own || { fail userns-new-join "a holder of a network namespace" "none"; return 0; }
	NET=$(readlink /proc/$HOLDER/ns/net)
	_caps='[ "CAP_SYS_ADMIN", "CAP_NET_ADMIN" ]'
	C_CAPS="\"bounding\": $_caps, \"effective\": $_caps, \"permitted\": $_caps" \
	C_NAMESPACES="{ \"type\": \"pid\" }, { \"type\": \"network\", \"path\": \"/proc/$HOLDER/ns/net\" }, { \"type\": \"ipc\" }, { \"type\": \"uts\" }, { \"type\": \"mount\" }, { \"type\": \"user\" }" \
		start_ct newjoin 'sleep 100' || return 0
	check_eq userns-new-join-ns "$NET $(kmap 0 100000 65536)" \
		"$(readlink /proc/$PID/ns/net) $(cat /proc/$PID/uid_map)"
	check_eq userns-new-join-own-user yes "$([ "$(readlink /proc/$PID/ns/user)" != "$(readlink /proc/self/ns/user)" ] && echo yes)"
	ex "$ID" sh -c 'readlink /proc/self/ns/net; hostname own && hostname; ip link set lo up 2>&1 || echo refused'
	check_eq userns-new-join-exec "exit 0: $NET own ip: SIOCSIFFLAGS: Operation not permitted refused: " \
		"exit $RC: $(echo $OUT): $ERR"
	"$RT" delete -f "$ID"
	after userns-new-join
}
