# 45-conformance: behaviour runc has (or the spec asks for) that rt got
# wrong: several cgroup controllers at once and every offered controller
# enabled for a container, a frozen cgroup refused, SIGTERM while setting
# up, root.path spellings, --no-pivot hiding the host's procfs, a
# read-only /dev, bind sources under root-only directories in a user
# namespace, mount destinations that are dangling symlinks, a missing
# process.cwd, namespaces joined by path, the kernel.hostname and
# kernel.domainname sysctls, /dev/stdout for a non-root user on a pipe,
# the environment and cwd of hooks, seccomp before startContainer hooks,
# seccomp listenerPath without a notify rule, unknown exec --cap, list
# order, ps of a stopped container.

. "$TOP/tests/lib-lifecycle.sh"

setup() {
	lc_setup
	# the userns root (host 100000) walks to its rootfs
	chmod 755 "$TMPD" "$TMPD/b"
	BMAIN=$TMPD/b
	R=$BMAIN/rootfs
}

# the containers the list test made in a root of its own ($TMPD/lrtw)
LIST_MADE=
teardown() {
	for id in $LIST_MADE; do "$TMPD/lrtw" delete -f "$id" > /dev/null 2>&1; done
	return 0
}

# after NAME: the id $ID left nothing behind
after() { nothing_left "$1-nothing-left" "$ID"; }

NS_DEF='{ "type": "pid" }, { "type": "network" }, { "type": "ipc" }, { "type": "uts" }, { "type": "mount" }'
UM='"uidMappings": [ { "containerID": 0, "hostID": 100000, "size": 65536 } ], "gidMappings": [ { "containerID": 0, "hostID": 100000, "size": 65536 } ]'
USERNS=1
if [ ! -e /proc/self/ns/user ] ||
    [ "$(cat /proc/sys/user/max_user_namespaces 2>/dev/null)" = 0 ]; then
	USERNS=0
fi
# need_userns NAME: skip (return 1) without user namespaces
need_userns() {
	[ $USERNS = 1 ] && return 0
	skip "$1" "no user namespaces"; return 1
}

# userns_bundle: a second bundle in $TMPD/u, its rootfs owned by the
# userns root (host 100000); sets B.  Made once a test.
userns_bundle() {
	if [ ! -d "$TMPD/u" ]; then
		mkbundle "$TMPD/u"
		chmod 755 "$TMPD/u"
		chown -R 100000:100000 "$B/rootfs"
	fi
	B=$TMPD/u
}

# in_bg VAR CMD...: start CMD in the background, its pid in VAR; it is
# killed by the cleanup if still there
BG_PIDS=
in_bg() {
	_v=$1; shift
	"$@" &
	eval "$_v=\$!"
	BG_PIDS="$BG_PIDS $!"
}
T_EXTRA_CLEANUP='for p in $BG_PIDS; do kill -9 "$p" 2>/dev/null; done; cg_cleanup'
CG_MADE=
cg_cleanup() {
	for d in $CG_MADE; do
		[ -d "$d" ] || continue
		echo 0 > "$d/cgroup.freeze" 2>/dev/null
		for p in $(cat "$d/cgroup.procs" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
		sleep 0.1
		rmdir "$d" 2>/dev/null
	done
	return 0
}

# ---- cgroups -----------------------------------------------------------------------

CGM=$(awk '{ for (i = 7; i < NF; i++) if ($i == "-") { if ($(i + 1) == "cgroup2") { print $5; exit } break } }' /proc/self/mountinfo)
CTRLS=
[ -n "$CGM" ] && [ -f "$CGM/cgroup.controllers" ] && CTRLS=$(head -n 1 "$CGM/cgroup.controllers")
OWN=$(sed -n 's/^0:://p' /proc/self/cgroup)
PARENT=${OWN%/*}
has_ctl() { case " $CTRLS " in *" $1 "*) return 0 ;; esac; return 1; }
# need_ctl NAME CONTROLLER...: skip (return 1) unless the cgroup2 root
# offers every CONTROLLER
need_ctl() {
	_n=$1; shift
	for _c; do
		has_ctl "$_c" || { skip "$_n" "cgroup2 root does not offer $_c (\"$CTRLS\")"; return 1; }
	done
	return 0
}
cat_cg() { cat "$1" 2>/dev/null || echo "missing ${1##*/}"; }

# cg_create NAME RESOURCES SCRIPT: create (not start) a new $ID running
# SCRIPT with linux.resources RESOURCES (and the deny-all device rule)
cg_create() {
	_n=$1
	ID=$(newid "$1"); track "$ID"
	sh_config "$3"
	RES="{ \"devices\": [ { \"allow\": false, \"access\": \"rwm\" } ], $2 }" awk '
		index($0, "\"resources\": { \"devices\": [ { \"allow\": false, \"access\": \"rwm\" } ] },") {
		print "\t\t\"resources\": " ENVIRON["RES"] ","; next } { print }' \
		"$B/config.json" > "$B/config.json.new" && mv "$B/config.json.new" "$B/config.json"
	timeout "$T_TIMEOUT" "$RT" create --bundle "$B" "$ID" \
		< /dev/null > "$TMPD/$_n.out" 2> "$TMPD/$_n.err"
	RC=$?
	ERR=$(cat "$TMPD/$_n.err")
}

MEM='"memory": { "limit": 33554432 }'
PIDS='"pids": { "limit": 10 }'
CPU='"cpu": { "shares": 1024, "quota": 10000, "period": 100000 }'
# cg_files: "FILE=VALUE ..." of the limit files of $ID's cgroup
cg_files() {
	_d=$CGM$PARENT/$ID
	_o=
	for _f; do _o="$_o $_f=$(cat_cg "$_d/$_f")"; done
	echo $_o
}

# a container with no limits has every controller the root offers (VM)
t_cg_all_controllers() {
	if [ -z "$CTRLS" ] || { ! has_ctl memory && ! has_ctl pids && ! has_ctl cpu; }; then
		skip cg-all-controllers "cgroup2 root offers none of memory pids cpu (\"$CTRLS\")"
	elif need_rt_only cg-all-controllers; then
		for path in "" "/t$$-nest/c"; do
			n=cg-all-controllers${path:+-nested}
			C_LINUX_EXTRA=${path:+", \"cgroupsPath\": \"$path\""} create_ct "$n" 'sleep 100'
			D=$CGM$PARENT/$ID
			[ -n "$path" ] && D=$CGM$path
			want= got=
			for c in memory pids cpu; do
				has_ctl $c || continue
				case $c in memory) f=memory.current ;; pids) f=pids.current ;; cpu) f=cpu.weight ;; esac
				want="$want $f"
				[ -f "$D/$f" ] && got="$got $f"
			done
			check_eq "$n" "exit 0:$want" "exit $RC:$got${ERR:+ $ERR}"
			got=
			for c in $CTRLS; do
				grep -qw "$c" "$D/cgroup.controllers" 2>/dev/null || got="$got $c"
			done
			check_eq "$n-controllers" "" "$got"
			"$RT" delete -f "$ID" > /dev/null 2>&1
			after "$n"
		done
	fi
}

# several controllers at once (VM: a pure v2 host offering them)
# cg_multi NAME CONTROLLERS RESOURCES FILE=VALUE...
cg_multi() {
	_n=$1 _c=$2 _r=$3; shift 3
	# shellcheck disable=SC2086
	need_ctl "$_n" $_c || return 0
	cg_create "$_n" "$_r" 'sleep 100'
	_want="exit 0: $*" _files=
	for _fv; do _files="$_files ${_fv%%=*}"; done
	# shellcheck disable=SC2086
	check_eq "$_n" "$_want" "exit $RC: $(cg_files $_files)$ERR"
	"$RT" delete -f "$ID" > /dev/null 2>&1
	after "$_n"
}
t_cg_memory_pids() {
	cg_multi cg-memory-pids "memory pids" "$MEM, $PIDS" memory.max=33554432 pids.max=10
}
t_cg_memory_cpu() {
	cg_multi cg-memory-cpu "memory cpu" "$MEM, $CPU" memory.max=33554432 "cpu.max=10000 100000" cpu.weight=100
}
t_cg_cpu_pids() {
	cg_multi cg-cpu-pids "cpu pids" "$CPU, $PIDS" "cpu.max=10000 100000" cpu.weight=100 pids.max=10
}
t_cg_pids_memory() {
	cg_multi cg-pids-memory "pids memory" "$PIDS, $MEM" pids.max=10 memory.max=33554432
}
t_cg_memory_pids_cpu() {
	cg_multi cg-memory-pids-cpu "memory pids cpu" "$CPU, $PIDS, $MEM" memory.max=33554432 pids.max=10 "cpu.max=10000 100000" cpu.weight=100
}

# a frozen cgroup that was there before: refused at create, not waited on
# (runc 1.1.5 on a hybrid host uses the v1 hierarchies: rt only)
t_cg_frozen() {
	need_feature cg-frozen CONFIG_CGROUPS || return 0
	FRZ=
	if [ -z "$CGM" ] || [ ! -f "$CGM/cgroup.controllers" ]; then
		skip cg-frozen "no cgroup2 hierarchy"
	elif need_rt_only cg-frozen; then
		FRZ=$CGM/t$$-frz
		mkdir "$FRZ" && CG_MADE="$CG_MADE $FRZ"
		echo 1 > "$FRZ/cgroup.freeze"
		ID=$(newid frozen); track "$ID"
		C_LINUX_EXTRA=", \"cgroupsPath\": \"/t$$-frz\"" sh_config 'sleep 100'
		# KILL: today's rt waits on the frozen init with SIGTERM blocked
		timeout -s KILL 15 "$RT" create --bundle "$B" "$ID" < /dev/null > "$TMPD/out" 2> "$TMPD/err"
		check_eq cg-frozen "exit 1: rt: container's cgroup unexpectedly frozen" "exit $?: $(cat "$TMPD/err")"
		check_eq cg-frozen-kept "yes 1" "$([ -d "$FRZ" ] && echo yes) $(cat "$FRZ/cgroup.freeze" 2>&1)"
		after cg-frozen
		ID=$(newid frozenrun); track "$ID"
		t0=$(date +%s)
		timeout -s KILL 15 "$RT" run -d --bundle "$B" "$ID" < /dev/null > "$TMPD/out" 2> "$TMPD/err"
		RC=$? t1=$(date +%s)
		check_eq cg-frozen-run-d "exit 1: rt: container's cgroup unexpectedly frozen" "exit $RC: $(cat "$TMPD/err")"
		if [ $((t1 - t0)) -lt 15 ]; then ok cg-frozen-run-d-time
		else fail cg-frozen-run-d-time "under 15s" "$((t1 - t0))s"; fi
		after cg-frozen-run-d
	fi
}

# ---- SIGTERM while setting up ----------------------------------------------------------

# sigterm NAME CMD HOOKKIND: rt CMD (run or create) on a config whose HOOKKIND
# hook sleeps 30 s; SIGTERM to rt after 1 s: it exits within 5 s and leaves
# nothing (runc 1.1.5 waits for the hook: rt only)
sigterm() {
	_n=$1
	need_rt_only "$_n" || return 0
	need_feature "$_n" CONFIG_HOOKS || return 0
	cat > "$TMPD/slowhook" <<-EOF
	#!/bin/sh
	echo \$\$ >> "$TMPD/slowhook.pids"
	exec sleep 30
	EOF
	chmod 755 "$TMPD/slowhook"
	ID=$(newid "$1"); track "$ID"
	C_TOP_EXTRA=", \"hooks\": { \"$3\": [ { \"path\": \"$TMPD/slowhook\" } ] }" \
		sh_config 'sleep 100'
	in_bg RTP "$RT" "$2" --bundle "$B" "$ID" < /dev/null > "$TMPD/$_n.out" 2> "$TMPD/$_n.err"
	poll test -s "$TMPD/slowhook.pids"
	sleep 1
	kill -TERM "$RTP"
	if T_POLL=50 poll pid_dead "$RTP"; then ok "$_n-exits"
	else fail "$_n-exits" "rt gone within 5s of SIGTERM" "still running"; kill -9 "$RTP"; fi
	wait "$RTP" 2>/dev/null
	after "$_n"
	for p in $(cat "$TMPD/slowhook.pids" 2>/dev/null); do kill "$p" 2>/dev/null; done
	rm -f "$TMPD/slowhook.pids"
	"$RT" delete -f "$ID" > /dev/null 2>&1
}
t_sigterm_run_createRuntime() { sigterm sigterm-run-createRuntime run createRuntime; }
t_sigterm_run_prestart() { sigterm sigterm-run-prestart run prestart; }
t_sigterm_create_createRuntime() { sigterm sigterm-create-createRuntime create createRuntime; }

# ---- root.path -----------------------------------------------------------------------

# rootpath NAME BUNDLE ROOTPATH WANT-ROOTFS: create and start a container
# printing /rootfs-marker with root.path ROOTPATH on BUNDLE (config.json
# written there); state's "rootfs" is WANT-ROOTFS
rootpath() {
	_n=$1 _bb=$2
	ID=$(newid "$1"); track "$ID"
	_save=$B; B=$_bb
	C_ROOT_PATH=$3 sh_config 'cat /rootfs-marker'
	timeout "$T_TIMEOUT" "$RT" create --bundle "$B" "$ID" < /dev/null > "$TMPD/$_n.out" 2> "$TMPD/$_n.err"
	RC=$?
	ST=$("$RT" state "$ID" 2>&1)
	check_eq "$_n-state-rootfs" "exit 0: $4" "exit $RC: $(state_field rootfs)"
	[ $RC = 0 ] && timeout "$T_TIMEOUT" "$RT" start "$ID" 2>> "$TMPD/$_n.err"
	poll is_status "$ID" stopped
	check_eq "$_n" "exit $RC: rootfs: " "exit $RC: $(cat "$TMPD/$_n.out"): $(cat "$TMPD/$_n.err")"
	"$RT" delete -f "$ID" > /dev/null 2>&1
	after "$_n"
	rm -f "$B/config.json"
	B=$_save
}
# rootpaths PREFIX BUNDLE: the four spellings on BUNDLE
rootpaths() {
	rootpath "$1-dot" "$2/rootfs" . "$2/rootfs"
	rootpath "$1-dot-slash" "$2" ./rootfs "$2/rootfs"
	rootpath "$1-trailing-slash" "$2" rootfs/ "$2/rootfs"
	rootpath "$1-absolute" "$2" "$2/rootfs" "$2/rootfs"
}
t_rootpath_dot() { rootpath rootpath-dot "$BMAIN/rootfs" . "$BMAIN/rootfs"; }
t_rootpath_dot_slash() { rootpath rootpath-dot-slash "$BMAIN" ./rootfs "$BMAIN/rootfs"; }
t_rootpath_trailing_slash() { rootpath rootpath-trailing-slash "$BMAIN" rootfs/ "$BMAIN/rootfs"; }
t_rootpath_absolute() { rootpath rootpath-absolute "$BMAIN" "$BMAIN/rootfs" "$BMAIN/rootfs"; }
t_rootpath_userns() {
	need_feature rootpath-userns CONFIG_USERNS || return 0
	if need_userns rootpath-userns; then
		userns_bundle
		C_NAMESPACES="$NS_DEF, { \"type\": \"user\" }" C_LINUX_EXTRA=", $UM" \
			rootpaths rootpath-userns "$TMPD/u"
		B=$BMAIN
	fi
}

# ---- --no-pivot: no unmasked procfs to see or to mount ---------------------------------

# a new procfs needs a fully visible one in the mount namespace (the
# kernel's mount_too_revealing): the container has only its masked /proc.
# As user 1000: mapping root to root (unshare -r by root) needs CAP_SETFCAP,
# which the container has not.
PROCMNT="unshare -mrpf sh -c 'mount -t proc proc /mnt && echo mounted' 2>&1; echo done"
t_pivot_procfs() {
	export C_USER='"uid": 1000, "gid": 1000'
	C_ROOT_RO=false sh_ct pivot-procfs "$PROCMNT"
	check_nomatch pivot-procfs '^mounted$' "$OUT"
	check_eq pivot-procfs-ran "exit 0: done" "exit $RC: $(echo "$OUT" | tail -n 1)"
	after pivot-procfs
	unset C_USER
}
t_no_pivot_procfs() {
	export C_USER='"uid": 1000, "gid": 1000'
	C_ROOT_RO=false sh_ct no-pivot-procfs "$PROCMNT" --no-pivot
	check_nomatch no-pivot-procfs '^mounted$' "$OUT"
	check_eq no-pivot-procfs-ran "exit 0: done" "exit $RC: $(echo "$OUT" | tail -n 1)"
	after no-pivot-procfs
	unset C_USER
}

# ---- a read-only /dev ----------------------------------------------------------------

sh_config_devro() {
	sh_config "$1"
	sed 's/"options": \[ "nosuid", "strictatime", "mode=755", "size=65536k" \]/"options": [ "nosuid", "strictatime", "mode=755", "size=65536k", "ro" ]/' \
		"$B/config.json" > "$B/config.json.new" && mv "$B/config.json.new" "$B/config.json"
}
t_devro() {
	ID=$(newid devro); track "$ID"
	sh_config_devro 'exec 2>&1; touch /dev/x; grep -c " /dev/pts devpts " /proc/mounts; echo hi > /dev/null && echo null-ok; awk "\$2 == \"/dev\" { print \$4 }" /proc/mounts | cut -d, -f1'
	run_ct "$ID"
	check_eq devro "exit 0: touch: /dev/x: Read-only file system|1|null-ok|ro: " \
		"exit $RC: $(echo "$OUT" | tr '\n' '|' | sed 's/|$//'): $ERR"
	after devro
}

# ---- bind source under a root-only directory, in a user namespace ----------------------

t_bind_secret() {
	need_feature bind-secret CONFIG_USERNS || return 0
	# the directory holding them root-only; what is bound readable by all
	mkdir -m 700 "$TMPD/secret"
	mkdir -m 755 "$TMPD/secret/d"
	echo s3cret > "$TMPD/secret/f"
	echo indir > "$TMPD/secret/d/g"
	if need_userns bind-secret; then
		userns_bundle
		C_NAMESPACES="$NS_DEF, { \"type\": \"user\" }" C_LINUX_EXTRA=", $UM" \
		C_MOUNTS_EXTRA=", { \"destination\": \"/mnt/f\", \"type\": \"bind\", \"source\": \"$TMPD/secret/f\", \"options\": [ \"bind\" ] }, { \"destination\": \"/mnt/d\", \"type\": \"bind\", \"source\": \"$TMPD/secret/d\", \"options\": [ \"rbind\" ] }" \
			C_ROOT_RO=false sh_ct bind-secret 'cat /mnt/f /mnt/d/g'
		check_eq bind-secret "exit 0: s3cret indir: " "exit $RC: $(echo $OUT): $ERR"
		rm -rf "$B/rootfs/mnt/f" "$B/rootfs/mnt/d"
		after bind-secret
		B=$BMAIN
	fi
}

# ---- mount destinations that are dangling symlinks ----------------------------------------

bm() { echo ", { \"destination\": \"$1\", \"type\": \"bind\", \"source\": \"$2\", \"options\": [ \"bind\" ] }"; }
ft() { if [ -f "$1" ]; then echo file; elif [ -d "$1" ]; then echo dir; elif [ -e "$1" ]; then echo other; else echo none; fi; }
t_dangling() {
	echo "nameserver 192.0.2.1" > "$TMPD/resolv"
	echo "192.0.2.2 h" > "$TMPD/hosts"
	mkdir "$TMPD/ddir" && echo dfile > "$TMPD/ddir/inside"
	ln -s ../run/resolv.conf "$R/etc/resolv.conf"
	ln -s "/run/t$$-x/hosts" "$R/etc/hosts"
	ln -s "/srv/t$$-data" "$R/data"
	ln -s "../../../../../../../../t$$-deep/f" "$R/etc/deep"
	C_MOUNTS_EXTRA="$(bm /etc/resolv.conf "$TMPD/resolv")$(bm /etc/hosts "$TMPD/hosts")$(bm /data "$TMPD/ddir")$(bm /etc/deep "$TMPD/hosts")" \
		sh_ct dangling 'cat /etc/resolv.conf /etc/hosts /data/inside /etc/deep'
	check_eq dangling "exit 0: nameserver 192.0.2.1|192.0.2.2 h|dfile|192.0.2.2 h: " \
		"exit $RC: $(echo "$OUT" | tr '\n' '|' | sed 's/|$//'): $ERR"
	check_eq dangling-made-in-rootfs "file file dir file" \
		"$(ft "$R/run/resolv.conf") $(ft "$R/run/t$$-x/hosts") $(ft "$R/srv/t$$-data") $(ft "$R/t$$-deep/f")"
	check_eq dangling-host-untouched "none none none none none" \
		"$(ft "$BMAIN/run") $(ft /run/resolv.conf) $(ft "/run/t$$-x") $(ft "/srv/t$$-data") $(ft "/t$$-deep")"
	after dangling
	unset C_MOUNTS_EXTRA
}

# ---- a missing process.cwd ---------------------------------------------------------------

# cwd_missing RO: run with a process.cwd the rootfs lacks
cwd_missing() {
	n=cwd-missing-ro-$1
	C_ROOT_RO=$1 C_CWD=/work/sub sh_ct "$n" 'pwd; stat -c %a /work /work/sub'
	check_eq "$n" "exit 0: /work/sub 755 755: " "exit $RC: $(echo $OUT): $ERR"
	after "$n"
}
# cwd_missing_create RO: the same by create and start
cwd_missing_create() {
	n=cwd-missing-create-ro-$1
	C_ROOT_RO=$1 C_CWD=/work/sub create_ct "$n" 'pwd'
	[ $RC = 0 ] && "$RT" start "$ID" >> "$TMPD/$n.err" 2>&1 && poll is_status "$ID" stopped
	check_eq "$n" "exit 0: /work/sub: " "exit $RC: $(cat "$TMPD/$n.out"): $(cat "$TMPD/$n.err")"
	"$RT" delete -f "$ID" > /dev/null 2>&1
	after "$n"
}
t_cwd_missing_ro_false() { cwd_missing false; }
t_cwd_missing_create_ro_false() { cwd_missing_create false; }
t_cwd_missing_ro_true() { cwd_missing true; }
t_cwd_missing_create_ro_true() { cwd_missing_create true; }
# exec --cwd into a running container: a missing cwd is an error (as runc)
t_cwd_exec_missing() {
	if start_ct cwdexec 'sleep 100'; then
		ex --cwd /missing "$ID" sh -c 'echo ran'
		check_eq cwd-exec-missing-fails "fails, not ran" "$([ $RC != 0 ] && echo fails || echo "exit 0"), $([ "$OUT" = ran ] && echo ran || echo "not ran")"
		"$RT" delete -f "$ID" > /dev/null 2>&1
	fi
	after cwd-exec-missing
}

# ---- namespaces joined by path -------------------------------------------------------------

# nsholder VAR FLAG: `unshare FLAG sleep 100` in the background, its pid in
# VAR once its namespace is made
nsholder() {
	in_bg "$1" unshare "$2" sleep 100
	eval "_p=\$$1"
	_t=mnt; [ "$2" = -u ] && _t=uts
	poll ns_differs "$_p" $_t
}
# ns_differs PID TYPE: PID's namespace TYPE is not ours
ns_differs() {
	_x=$(readlink "/proc/$1/ns/$2" 2>/dev/null) && [ "$_x" != "$(readlink "/proc/self/ns/$2")" ]
}
t_join_mnt() {
	nsholder MNTP -m
	C_NAMESPACES="{ \"type\": \"pid\" }, { \"type\": \"network\" }, { \"type\": \"ipc\" }, { \"type\": \"uts\" }, { \"type\": \"mount\", \"path\": \"/proc/$MNTP/ns/mnt\" }" \
		sh_ct join-mnt 'cat /rootfs-marker; readlink /proc/self/ns/mnt'
	check_eq join-mnt "exit 0: rootfs $(readlink "/proc/$MNTP/ns/mnt"): " "exit $RC: $(echo $OUT): $ERR"
	after join-mnt
	kill "$MNTP" 2>/dev/null
}

t_join_uts() {
	nsholder UTSP -u
	HOSTNAME0=$(hostname)
	C_HOSTNAME=joined C_NAMESPACES="{ \"type\": \"pid\" }, { \"type\": \"network\" }, { \"type\": \"ipc\" }, { \"type\": \"uts\", \"path\": \"/proc/$UTSP/ns/uts\" }, { \"type\": \"mount\" }" \
		sh_ct join-uts 'hostname'
	check_eq join-uts "exit 0: joined: " "exit $RC: $OUT: $ERR"
	check_eq join-uts-holder joined "$(nsenter -t "$UTSP" -u hostname 2>&1)"
	check_eq join-uts-host-unchanged "$HOSTNAME0" "$(hostname)"
	after join-uts
	kill "$UTSP" 2>/dev/null
}

t_no_mntns() {
	C_NAMESPACES='{ "type": "pid" }, { "type": "network" }, { "type": "ipc" }, { "type": "uts" }' \
		sh_ct no-mntns 'echo ran'
	check_eq no-mntns-refused "exit 1: " "exit $RC: $OUT"
	need_rt_only no-mntns-msg && check_eq no-mntns-msg \
		"rt: config.json: linux.namespaces: no mount namespace: rt would mount into the host's (add one, or join one by path)" "$ERR"
	after no-mntns
}

# ---- kernel.hostname, kernel.domainname --------------------------------------------------------

t_sysctl_hostname() {
	need_feature sysctl-hostname CONFIG_SYSCTL || return 0
	C_LINUX_EXTRA=', "sysctl": { "kernel.hostname": "x" }' sh_ct sysctl-hostname 'echo ran'
	check_eq sysctl-hostname-refused "exit 1: " "exit $RC: $OUT"
	need_rt_only sysctl-hostname-msg && check_eq sysctl-hostname-msg \
		'rt: config.json: linux.sysctl.kernel.hostname: not allowed, as it conflicts with the OCI "hostname" field' "$ERR"
	after sysctl-hostname
}
t_sysctl_domainname() {
	need_feature sysctl-domainname CONFIG_SYSCTL || return 0
	C_TOP_EXTRA=', "domainname": "dom"' C_LINUX_EXTRA=', "sysctl": { "kernel.domainname": "x" }' \
		sh_ct sysctl-domainname 'echo ran'
	# runc 1.1.5 runs it, the sysctl's value winning: rt only
	if need_rt_only sysctl-domainname; then
		check_eq sysctl-domainname "exit 1: : rt: config.json: linux.sysctl.kernel.domainname: not allowed, as it conflicts with the OCI \"domainname\" field" \
			"exit $RC: $OUT: $ERR"
	fi
	after sysctl-domainname
}
t_sysctl_domainname_alone() {
	need_feature sysctl-domainname-alone CONFIG_SYSCTL || return 0
	C_LINUX_EXTRA=', "sysctl": { "kernel.domainname": "sysdom" }' \
		sh_ct sysctl-domainname-alone 'cat /proc/sys/kernel/domainname'
	check_eq sysctl-domainname-alone "exit 0: sysdom: " "exit $RC: $OUT: $ERR"
	after sysctl-domainname-alone
}

# ---- /dev/stdout and /dev/stderr of a non-root user on pipes --------------------------------------

STDIO='echo hi > /dev/stdout; echo err > /dev/stderr'
t_stdio_user_pipe() {
	ID=$(newid stdio); track "$ID"
	C_USER='"uid": 1000, "gid": 1000' sh_config "$STDIO"
	o=$(timeout "$T_TIMEOUT" "$RT" run --bundle "$B" "$ID" < /dev/null 2>&1 | cat)
	check_eq stdio-user-pipe "hi err" "$(echo $o)"
	after stdio-user-pipe
}
t_stdio_exec_user_pipe() {
	need_feature stdio-exec-user-pipe CONFIG_EXEC || return 0
	if start_ct stdioexec 'sleep 100'; then
		o=$(timeout "$T_TIMEOUT" "$RT" exec -u 1000 "$ID" sh -c "$STDIO" < /dev/null 2>&1 | cat)
		check_eq stdio-exec-user-pipe "hi err" "$(echo $o)"
		"$RT" delete -f "$ID" > /dev/null 2>&1
	fi
	after stdio-exec-user-pipe
}

# ---- hooks: environment, createContainer's cwd -----------------------------------------------

hke() { echo "{ \"path\": \"$TMPD/hookenv\", \"args\": [ \"hookenv\", \"$1\" ]$2 }"; }
t_hook_env() {
	need_feature hook-env CONFIG_HOOKS || return 0
	need_feature hook-env CONFIG_SECCOMP || return 0
	# hookenv KIND: writes the environment it was started with (its own, read
	# through /proc/self) to $TMPD/KIND.env; also its cwd and whether
	# rootfs-marker is there (relative: createContainer's cwd is the rootfs)
	cat > "$TMPD/hookenv" <<-EOF
	#!/bin/sh
	pwd -P > "$TMPD/\$1.pwd"
	[ -e rootfs-marker ] && echo marker >> "$TMPD/\$1.pwd"
	cd /proc/self && tr '\\0' '\\n' < environ > "$TMPD/\$1.env"
	EOF
	chmod 755 "$TMPD/hookenv"
	ID=$(newid hookenv); track "$ID"
	C_TOP_EXTRA=", \"hooks\": { \"prestart\": [ $(hke prestart) ], \"createRuntime\": [ $(hke createRuntime) ], \"createContainer\": [ $(hke createContainer) ], \"poststart\": [ $(hke poststart) ], \"poststop\": [ $(hke poststop ', "env": [ "A=1" ]') ] }" \
		sh_config 'echo ran'
	timeout "$T_TIMEOUT" env RTTEST_VAR=42 "$RT" run --bundle "$B" "$ID" \
		< /dev/null > "$TMPD/out" 2> "$TMPD/err"
	check_eq hook-env-run "exit 0: ran: " "exit $?: $(cat "$TMPD/out"): $(cat "$TMPD/err")"
	# (runc 1.1.5 gives createContainer the container's process.env)
	for k in prestart createRuntime poststart; do
		check_eq "hook-env-inherited-$k" RTTEST_VAR=42 "$(grep '^RTTEST_VAR=' "$TMPD/$k.env" 2>&1)"
	done
	check_eq hook-env-exact A=1 "$(cat "$TMPD/poststop.env" 2>&1)"
	check_eq hook-createContainer-cwd "$B/rootfs marker" "$(echo $(cat "$TMPD/createContainer.pwd" 2>&1))"
	after hook-env
}

# ---- seccomp before the startContainer hooks ------------------------------------------------------

DENY_MKDIR='{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": [ "mkdir", "mkdirat" ], "action": "SCMP_ACT_ERRNO" } ] }'
SCHOOK='{ "path": "/bin/sh", "args": [ "sh", "-c", "if mkdir /tmp/schook; then echo made; else echo denied; fi > /tmp/schook.res 2>&1" ] }'
# seccomp_hook NNP: a startContainer hook cannot mkdir under a filter that
# denies it, noNewPrivileges NNP
seccomp_hook() {
	need_feature "seccomp-startContainer-nnp-$1" CONFIG_HOOKS || return 0
	need_feature "seccomp-startContainer-nnp-$1" CONFIG_SECCOMP || return 0
	nnp=$1
	n=seccomp-startContainer-nnp-$nnp
	# runc 1.1.5 loads the filter after the startContainer hooks when
	# noNewPrivileges is true
	if [ $nnp = true ]; then need_rt_only "$n" || return 0; fi
	C_NNP=$nnp C_ROOT_RO=false C_LINUX_EXTRA=", \"seccomp\": $DENY_MKDIR" \
	C_TOP_EXTRA=", \"hooks\": { \"startContainer\": [ $SCHOOK ] }" sh_ct "$n" 'echo ran'
	check_eq "$n" "exit 0: ran: denied no-dir" \
		"exit $RC: $OUT: $(grep -v '^mkdir' "$R/tmp/schook.res" 2>&1) $([ -d "$R/tmp/schook" ] && echo dir || echo no-dir)"
	rm -rf "$R/tmp/schook" "$R/tmp/schook.res"
	after "$n"
}
t_seccomp_startContainer_nnp_true() { seccomp_hook true; }
t_seccomp_startContainer_nnp_false() { seccomp_hook false; }

# listenerPath with no SCMP_ACT_NOTIFY rule: nothing to send, so it runs
t_seccomp_listener() {
	need_feature seccomp-listener CONFIG_SECCOMP_NOTIFY || return 0
	C_LINUX_EXTRA=", \"seccomp\": { \"defaultAction\": \"SCMP_ACT_ALLOW\", \"listenerPath\": \"$TMPD/listener.sock\", \"listenerMetadata\": \"meta\", \"syscalls\": [ { \"names\": [ \"mkdir\", \"mkdirat\" ], \"action\": \"SCMP_ACT_ERRNO\" } ] }" \
		sh_ct seccomp-listener 'mkdir /tmp/y 2>&1; echo ran'
	check_eq seccomp-listener "exit 0: mkdir: can't create directory '/tmp/y': Operation not permitted ran: " \
		"exit $RC: $(echo $OUT): $ERR"
	after seccomp-listener
}

# ---- exec --cap with an unknown capability ----------------------------------------------------------

t_exec_cap_unknown() {
	need_feature exec-cap-unknown CONFIG_EXEC || return 0
	if start_ct execcap 'sleep 100'; then
		ex --cap CAP_NONSENSE "$ID" sh -c 'echo ran'
		check_eq exec-cap-unknown "exit 0: ran" "exit $RC: $OUT"
		need_rt_only exec-cap-unknown-warning &&
			check_match exec-cap-unknown-warning '^rt: warning:.*CAP_NONSENSE' "$ERR"
		"$RT" delete -f "$ID" > /dev/null 2>&1
	fi
	after exec-cap-unknown
}

# ---- list: sorted by id, bytewise ------------------------------------------------------------------

t_list_sorted() {
	# in a root of its own, so that only these four are listed
	LROOT=$TMPD/lroot
	printf '#!/bin/sh\nexec "%s" --root "%s" "$@"\n' "$REAL_RT" "$LROOT" > "$TMPD/lrtw"
	chmod 755 "$TMPD/lrtw"
	sh_config 'sleep 100'
	for n in b a C a1; do
		timeout "$T_TIMEOUT" "$TMPD/lrtw" create --bundle "$B" "t$$-$n" < /dev/null > /dev/null 2>&1 &&
			LIST_MADE="$LIST_MADE t$$-$n"
	done
	check_eq list-created "t$$-b t$$-a t$$-C t$$-a1" "$(echo $LIST_MADE)"
	want="t$$-C t$$-a t$$-a1 t$$-b"
	check_eq list-q-sorted "$want" "$(echo $("$TMPD/lrtw" list -q 2>&1))"
	check_eq list-table-sorted "$want" "$(echo $("$TMPD/lrtw" list 2>&1 | sed 1d | awk '{ print $1 }'))"
	check_eq list-json-sorted "$want" \
		"$(echo $("$TMPD/lrtw" list -f json 2>&1 | grep -o '"id": *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/'))"
	for id in $LIST_MADE; do "$TMPD/lrtw" delete -f "$id" > /dev/null 2>&1; done
	_sr=$STATE_ROOT; STATE_ROOT=$LROOT
	for n in b a C a1; do ID=t$$-$n; after "list-$n"; done
	STATE_ROOT=$_sr
}

# ---- ps of a stopped container -------------------------------------------------------------------

t_ps_stopped() {
	need_feature ps-stopped CONFIG_PS || return 0
	if start_ct psstop 'sleep 100'; then
		hdr=$("$RT" ps "$ID" 2>&1 | head -n 1)
		"$RT" kill "$ID" KILL
		poll is_status "$ID" stopped
		o=$("$RT" ps "$ID" 2>&1)
		check_eq ps-stopped "exit 0: $hdr" "exit $?: $o"
		o=$("$RT" ps -f json "$ID" 2>&1)
		check_eq ps-stopped-json "exit 0: null" "exit $?: $o"
		"$RT" delete -f "$ID" > /dev/null 2>&1
	fi
	after ps-stopped
}
