# 95-escape: the runc/crun CVE history as tests.  Each test is a malicious
# bundle or a malicious process in the container, and asserts that the host
# is unaffected: files under $TMPD/host, the runtime's binary, core_pattern,
# hostname and domainname, and no mount or process left on the host.
#
# Everything runs with a copy of the runtime's binary in $TMPD (lc_setup's
# wrapper), so that a runtime open to CVE-2019-5736 damages only the copy.

. "$TOP/tests/lib-lifecycle.sh"

EVIL=$TOP/tests/evil

after() { nothing_left "$1-nothing-left" "$ID"; }

# setup: lc_setup with a copy of the runtime's binary, tests/evil in the
# rootfs, and the host side.
# What must never change: the host side of every trap below.  $TMPD/host is
# a shared mount, so a mount that escapes a container with shared
# propagation shows on the host (and hides what is under it).
setup() {
	need_cmd setup-md5sum md5sum || return 1
	lc_setup
	cp "$REAL_RT" "$TMPD/$RT_NAME" && REAL_RT=$TMPD/$RT_NAME
	printf '#!/bin/sh\nexec "%s" --root "%s" "$@"\n' "$REAL_RT" "$LC_ROOT" > "$TMPD/rtw"
	[ -x "$EVIL" ] && cp "$EVIL" "$B/rootfs/bin/evil"
	mkdir -p "$TMPD/host/hostdir" "$TMPD/host/procdir"
	echo "host-secret-$$" > "$TMPD/host/marker"
	echo hostfile > "$TMPD/host/hostdir/hostfile"
	for f in sink nulltarget; do echo "host-$f" > "$TMPD/host/$f"; done
	mount --bind "$TMPD/host" "$TMPD/host" && mount --make-shared "$TMPD/host"
	snap_mounts
	CORE=$(cat /proc/sys/kernel/core_pattern)
	HOSTNAME0=$(hostname)
	# a runtime that got these wrong must not leave the host broken
	T_EXTRA_CLEANUP='[ "$(cat /proc/sys/kernel/core_pattern)" = "$CORE" ] ||
		echo "$CORE" > /proc/sys/kernel/core_pattern
		[ "$(hostname)" = "$HOSTNAME0" ] || hostname "$HOSTNAME0"'
	host_state > "$TMPD/host.snap"
}

host_state() {
	find "$TMPD/host" | sort | while read -r f; do
		if [ -f "$f" ]; then md5sum "$f"; else ls -ld "$f" | awk '{ print $1, $NF }'; fi
	done
	cat /proc/sys/kernel/core_pattern /proc/sys/kernel/domainname
	hostname
}

# host_same NAME: ok, or FAIL with the lines gone (-) and new (+); undoes
# a changed core_pattern or hostname so that the next tests start clean
host_same() {
	host_state > "$TMPD/host.now"
	check_eq "$1-host-unchanged" "" "$(grep -vxF -f "$TMPD/host.now" "$TMPD/host.snap" |
		sed 's/^/-/'; grep -vxF -f "$TMPD/host.snap" "$TMPD/host.now" | sed 's/^/+/')"
	eval "$T_EXTRA_CLEANUP"
}

# failed_cleanly NAME: the runtime refused with a one-line error (in $ERR)
failed_cleanly() {
	if [ "$RC" != 0 ] && [ -n "$ERR" ] && [ "$(printf '%s\n' "$ERR" | wc -l)" = 1 ]
	then ok "$1"; return 0; fi
	return 1
}

# ---- CVE-2019-5736: overwriting the runtime through /proc/PID/exe -----------
# tests/evil scans the container's /proc while execs come in: the rt child
# between setns and execve must not be reachable (non-dumpable), and neither
# its exe nor that of a `#!/proc/self/exe` script (the published exploit)
# may be opened for writing, directly or by reopening an O_PATH fd later.

t_escape_5736() {
	need_feature escape-5736 CONFIG_EXEC || return 0
	if [ ! -x "$B/rootfs/bin/evil" ]; then
		skip 5736 "tests/evil not built (make tests/evil)"
		return 0
	fi
	printf '#!/proc/self/exe\n' > "$B/rootfs/bin/selfexe"
	chmod 755 "$B/rootfs/bin/selfexe"
	sum0=$(md5sum < "$REAL_RT")
	check_match 5736-binary-summed '^[0-9a-f]{32} ' "$sum0" || return 0
	log=$B/rootfs/tmp/evil.out
	C_ROOT_RO=false create_ct 5736 \
		"exec evil exe $(stat -c %d:%i "$REAL_RT") /tmp/stop > /tmp/evil.out 2>&1"
	"$RT" start "$ID" > /dev/null 2>&1
	poll file_has "$log" scanning
	ex "$ID" echo in
	check_eq 5736-exec-works "exit 0: in" "exit $RC: $OUT"
	for i in 1 2 3 4 5 6 7 8 9 10; do ex "$ID" true; done
	reached=$(grep '^reached' "$log")
	for i in 1 2 3 4 5 6 7 8 9 10; do ex "$ID" /bin/selfexe; done
	: > "$B/rootfs/tmp/stop"
	poll file_has "$log" done
	check_match 5736-helper-done '^done ' "$(cat "$log")"
	check_eq 5736-exec-child-not-dumpable "" "$(echo "$reached" | head -n 3)"
	check_eq 5736-exe-not-writable "" "$(grep '^write ' "$log" | head -n 3)"
	check_eq 5736-binary-unchanged "$sum0" "$(md5sum < "$REAL_RT")"
	"$RT" delete -f "$ID" > /dev/null 2>&1
	after 5736
}

# The kernel follows five "#!" interpreters: a chain of five scripts ending
# in /proc/self/exe must not get rt's binary run inside the container (rt
# only; runc runs a sealed copy of itself instead)
t_escape_5736_chain() {
	need_rt_only 5736-chain || return 0
	for n in 0 1 2 3; do printf '#!/s%d\n' $((n + 1)) > "$B/rootfs/s$n"; done
	printf '#!/proc/self/exe\n' > "$B/rootfs/s4"
	chmod 755 "$B/rootfs/s0" "$B/rootfs/s1" "$B/rootfs/s2" "$B/rootfs/s3" "$B/rootfs/s4"
	ID=$(newid chain); track "$ID"
	C_ARGS='"/s0"' mkconfig "$B"
	run_ct "$ID"
	check_eq 5736-chain "exit 1: rt: exec: \"/s0\": /proc/self/exe is rt's own binary, refused (CVE-2019-5736)" \
		"exit $RC: $OUT$ERR"
	after chain
}

# ---- CVE-2024-21626: leaked fds, process.cwd /proc/self/fd/N ------------------
# fd 7 is a host directory left open (no close-on-exec) by rt's caller: it
# must not reach the container, nor be a way out for process.cwd.

t_escape_21626_fds_run() {
	exec 7< "$TMPD/host"
	ID=$(newid fds); track "$ID"
	C_ARGS='"ls", "/proc/self/fd"' mkconfig "$B"
	run_ct "$ID"
	check_eq 21626-fds-run "0 1 2 3" "$(echo $OUT)"	# 3 is ls's own
	after fds-run
}

t_escape_21626_fds_preserve() {
	exec 7< "$TMPD/host"
	echo fd3-data > "$TMPD/fd3"
	exec 3< "$TMPD/fd3"
	sh_ct fds3 'ls /proc/self/fd; cat <&3' --preserve-fds 1
	check_eq 21626-fds-preserve-1 "0 1 2 3 4 fd3-data" "$(echo $OUT)"
	exec 3<&-
	after fds-preserve
}

# an fd to pass on that the caller has not open: refused, never one of
# rt's own in its place (--log's would be fd 3 here); LISTEN_FDS too.
# (runc 1.1.5 passes its own there: the container gets fds 4 and 5.)
t_escape_fds_preserve_closed() {
	need_rt_only fds-preserve-closed || return 0
	ID=$(newid fdsclosed); track "$ID"
	C_ARGS='"ls", "/proc/self/fd"' mkconfig "$B"
	(exec 3<&- 4<&-; exec "$RT" --log "$TMPD/log" run --preserve-fds 1 --bundle "$B" "$ID" \
		< /dev/null > "$TMPD/out" 2> "$TMPD/err")
	check_eq fds-preserve-closed "exit 1: : rt: --preserve-fds 1: fd 3 is not open" \
		"exit $?: $(cat "$TMPD/out"): $(cat "$TMPD/err")"
	after fds-preserve-closed
	sh -c 'LISTEN_PID=$$ LISTEN_FDS=2 exec "$0" run --bundle "$1" "$2"' \
		"$RT" "$B" "$ID" 3< "$TMPD/host" 4<&- \
		< /dev/null > "$TMPD/out" 2> "$TMPD/err"
	check_eq fds-listen-closed "exit 1: : rt: LISTEN_FDS=2: fd 4 is not open" \
		"exit $?: $(cat "$TMPD/out"): $(cat "$TMPD/err")"
	after fds-listen-closed
}

# start_fdsinit: a started container (CT, its init PID) with fd 7 open here
start_fdsinit() {
	exec 7< "$TMPD/host"
	start_ct fdsinit 'exec sleep 1000'
	CT=$ID
}

t_escape_21626_fds_exec() {
	need_feature escape-21626-fds-exec CONFIG_EXEC || return 0
	start_fdsinit
	check_eq 21626-fds-create-start "0 1 2" "$(ls "/proc/$PID/fd" 2>&1 | sort | xargs)"
	ex "$CT" ls /proc/self/fd
	check_eq 21626-fds-exec "0 1 2 3" "$(echo $OUT)"
	ex "$CT" ls /proc/1/fd
	check_eq 21626-fds-exec-init "0 1 2" "$(echo $OUT)"
	ex -d --pid-file "$TMPD/exec.pid" "$CT" sleep 1000
	check_eq 21626-fds-exec-d "0 1 2" "$(ls "/proc/$(cat "$TMPD/exec.pid")/fd" 2>&1 | sort | xargs)"
}

# The process must fail to start, or run in the rootfs: pwd -P (getcwd)
# prints a path, and ../../.. never reaches the host's marker.
SECRET=host-secret-$$
cwd_script="exec 2>&1; pwd -P; cat ../../../../../../../../../..$TMPD/host/marker; echo end"
cwd_check() {
	case $OUT$ERR in *"$SECRET"*) fail "$1" "no $SECRET" "$OUT"; return ;; esac
	failed_cleanly "$1" && return
	check_match "$1" '^/' "$(echo "$OUT" | head -n 1)"
}
# (nothing_left clobbers n, i, p, c: these loops use other names)
# process.cwd /proc/self/fd/N for run, exec (into a started container)
# and create+start
t_escape_21626_cwd() {
	start_fdsinit
	for fd in 3 4 5 6 7 8 9 10 11 12; do
		C_CWD=/proc/self/fd/$fd sh_ct "cwd$fd" "$cwd_script"
		cwd_check "21626-cwd-fd$fd-run"
		after "21626-cwd-fd$fd-run"
		ex --cwd "/proc/self/fd/$fd" "$CT" sh -c "$cwd_script"
		cwd_check "21626-cwd-fd$fd-exec"
		C_CWD=/proc/self/fd/$fd create_ct "cs$fd" "$cwd_script"
		if [ "$RC" = 0 ]; then
			ERR=$("$RT" start "$ID" 2>&1)
			RC=$?
			poll is_status "$ID" stopped
			OUT=$(cat "$TMPD/cs$fd.out")
		fi
		cwd_check "21626-cwd-fd$fd-create-start"
		"$RT" delete -f "$ID" > /dev/null 2>&1
	done
	"$RT" delete -f "$CT" > /dev/null 2>&1
	ID=$CT after 21626-exec
}

# ---- CVE-2021-30465, CVE-2025-31133/52565/52881: malicious rootfs layouts -----
# Mount destinations are resolved inside the rootfs: through an absolute
# symlink (rootfs/mnt/evil -> $TMPD/host/hostdir) and a relative one
# (rootfs/mnt/revil -> ../../..$TMPD/host/hostdir); the dir exists on the
# host and in the rootfs.  Escaping, the runtime would make hostdir/sub on
# the host, or mount there; the second round has shared propagation, so such
# a mount reaches the host's mountinfo.  Either a one-line error or the
# mount inside.

# mounted_at MOUNTPOINT: the fstype mounted there, from mountinfo in $OUT
mounted_at() {
	echo "$OUT" | awk -v m="$1" '$5 == m { for (i = 7; i < NF && $i != "-"; i++) ; print $(i + 1) }'
}
# symlink_mounts PROP: the three destinations through the symlinks, with
# linux.rootfsPropagation PROP (empty: none)
symlink_mounts() {
	prop=$1
	x=${prop:+, \"rootfsPropagation\": \"$prop\"}
	ln -s "$TMPD/host/hostdir" "$B/rootfs/mnt/evil"
	ln -s "../../../../../../../..$TMPD/host/hostdir" "$B/rootfs/mnt/revil"
	mkdir -p "$B/rootfs/$TMPD/host/hostdir"
	for dest in /mnt/evil/sub /mnt/revil/sub /mnt/revil; do
		C_LINUX_EXTRA=$x C_MOUNTS_EXTRA=", { \"destination\": \"$dest\", \"type\": \"tmpfs\", \"source\": \"tmpfs\" }" \
			sh_ct symlink 'cat /proc/self/mountinfo'
		name=30465-$(echo "${dest#/mnt/}" | tr / -)${prop:+-$prop}
		host_same "$name"
		failed_cleanly "$name-inside" ||	# rc and stderr shown: s390x failed once
			check_eq "$name-inside" "exit 0: tmpfs: " \
				"exit $RC: $(mounted_at "$TMPD/host/hostdir${dest#/mnt/*vil}"): $ERR"
		after "$name"
		umount_under "$TMPD/host/hostdir"	# what escaped, for the next test
		rmdir "$TMPD/host/hostdir/sub" 2> /dev/null
		snap_mounts
	done
}
t_escape_30465() { symlink_mounts ""; }
t_escape_30465_rshared() { symlink_mounts rshared; }

# rootfs/proc a symlink to a host path (CVE-2019-16884, CVE-2023-28642)
t_escape_proc_symlink() {
	mv "$B/rootfs/proc" "$B/rootfs/proc.real"
	ln -s "$TMPD/host/procdir" "$B/rootfs/proc"
	mkdir -p "$B/rootfs/$TMPD/host/procdir"
	sh_ct procsym 'cat /proc/self/mountinfo'
	host_same proc-symlink
	failed_cleanly proc-symlink-inside ||
		check_eq proc-symlink-inside proc "$(mounted_at "$TMPD/host/procdir")"
	after proc-symlink
}

# A bundle whose /dev is a bind of $TMPD/evildev, made by the caller (so
# the runtime makes no devices of its own): real nodes, one symlink.
# dev_bind DIR: config.json's /dev tmpfs becomes an rbind of DIR
dev_bind() {
	dd=$1
	rm -rf "$dd" && mkdir -p "$dd/pts"
	for d in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
		r=${d#*:}
		mknod -m 666 "$dd/${d%%:*}" c "${r%:*}" "${r#*:}"
	done
	ln -s pts/ptmx "$dd/ptmx"
	sed -i -e "s|\"/dev\", \"type\": \"tmpfs\", \"source\": \"tmpfs\"|\"/dev\", \"type\": \"bind\", \"source\": \"$dd\"|" \
		-e 's|\[ "nosuid", "strictatime", "mode=755", "size=65536k" \]|[ "rbind" ]|' "$B/config.json"
}

# CVE-2025-31133: /dev/null a symlink; maskedPaths must bind the real 1:3
# or refuse.  The symlink names a host file, which exists in the rootfs too
# (a decoy, writable: the root is read-write here).
t_escape_31133_devnull() {
	M=
	for f in /proc/kcore /proc/keys /proc/timer_list; do [ -f "$f" ] && { M=$f; break; }; done
	mkdir -p "$B/rootfs/$TMPD/host" && echo decoy > "$B/rootfs/$TMPD/host/nulltarget"
	ID=$(newid devnull); track "$ID"
	C_ROOT_RO=false sh_config "exec 2>&1; head -c 20 $M; echo '|'; stat -c %t:%T $M; echo pwned > $M; echo end"
	dev_bind "$TMPD/evildev"
	ln -sf "$TMPD/host/nulltarget" "$TMPD/evildev/null"
	if [ -n "$M" ]; then
		run_ct "$ID"
		host_same 31133-devnull-symlink
		check_eq 31133-devnull-decoy-untouched decoy "$(cat "$B/rootfs/$TMPD/host/nulltarget")"
		failed_cleanly 31133-devnull-masked || check_eq 31133-devnull-masked "| 1:3 end" "$(echo $OUT)"
		after 31133-devnull
	else
		skip 31133-devnull "none of /proc/kcore /proc/keys /proc/timer_list here"
	fi
}

# CVE-2025-52565: /dev/console a symlink to /tmp/ctarget, a file of the
# rootfs (runc 1.1.5 binds the pty there); the pty must land on /dev/console
# only, or the container is refused.
t_escape_52565_console() {
	if [ -x "$RECVTTY" ] && recv_start "$TMPD/con.out" 2> "$TMPD/recvtty.err"; then
		ID=$(newid console); track "$ID"
		C_TERMINAL=true sh_config 'exec sleep 1000'
		dev_bind "$TMPD/evildev"
		echo decoy > "$B/rootfs/tmp/ctarget"; ln -s /tmp/ctarget "$TMPD/evildev/console"
		timeout "$T_TIMEOUT" "$RT" create --bundle "$B" --console-socket "$SOCK" "$ID" \
			< /dev/null > /dev/null 2> "$TMPD/console.err"
		RC=$? ERR=$(cat "$TMPD/console.err")
		if ! failed_cleanly 52565-console-symlink; then
			ex "$ID" cat /proc/1/mountinfo
			pts=$(echo "$OUT" | awk '{ for (i = 7; i < NF && $i != "-"; i++) ; if ($(i + 1) == "devpts") print $5 }' | sort | xargs)
			check_eq 52565-console-symlink "/dev/console /dev/pts" "$pts"
		fi
		"$RT" delete -f "$ID" > /dev/null 2>&1
		kill "$RPID" 2> /dev/null; wait "$RPID" 2> /dev/null
		host_same 52565-console
		after 52565-console
	else
		skip 52565-console-symlink "tests/recvtty not built or no console socket"
	fi
}

# CVE-2025-52881: writes the runtime makes to /proc redirected by mounts over
# /proc files: oomScoreAdj with the host's core_pattern bound over
# /proc/self/oom_score_adj, a sysctl with a host file over its /proc/sys file.
t_escape_52881_oom() {
	C_PROCESS_EXTRA=', "oomScoreAdj": 123' \
	C_MOUNTS_EXTRA=', { "destination": "/proc/self/oom_score_adj", "type": "bind", "source": "/proc/sys/kernel/core_pattern", "options": [ "bind" ] }' \
		create_ct oom 'exec sleep 1000'
	if ! failed_cleanly 52881-oom-redirect; then
		"$RT" start "$ID" > /dev/null 2>&1
		check_eq 52881-oom-redirect 123 "$(cat "/proc/$(ct_pid "$ID")/oom_score_adj" 2>&1)"
	fi
	"$RT" delete -f "$ID" > /dev/null 2>&1
	host_same 52881-oom
	after 52881-oom
}

t_escape_52881_sysctl() {
	C_LINUX_EXTRA=', "sysctl": { "kernel.domainname": "evil.example" }' \
	C_MOUNTS_EXTRA=", { \"destination\": \"/proc/sys/kernel/domainname\", \"type\": \"bind\", \"source\": \"$TMPD/host/sink\", \"options\": [ \"bind\" ] }" \
		sh_ct sysctl 'uname -a'
	failed_cleanly 52881-sysctl-redirect || check_eq 52881-sysctl-redirect 0 "$RC"
	host_same 52881-sysctl
	after 52881-sysctl
}

# hostname with no uts namespace of its own would be the host's
t_escape_hostname_no_uts() {
	C_NAMESPACES='{ "type": "pid" }, { "type": "mount" }' C_HOSTNAME=evil-$$ sh_ct uts hostname
	failed_cleanly hostname-no-uts-refused || fail hostname-no-uts-refused "an error" "exit $RC: $OUT"
	host_same hostname-no-uts
	after hostname-no-uts
}

# root.path a symlink to the rootfs: refused (runc) or followed to the rootfs
t_escape_root_path_symlink() {
	ln -s rootfs "$B/rootlink"
	C_ROOT_PATH=rootlink sh_ct rootlink 'cat /rootfs-marker'
	failed_cleanly root-path-symlink || check_eq root-path-symlink "exit 0: rootfs" "exit $RC: $OUT"
	after root-path-symlink
}

# ---- capabilities and no_new_privs ---------------------------------------------
# /proc/1/status of the init: each set exactly as configured (uid 0 keeps
# its ambient set across execve: no file caps, not setuid).
capset() {
	echo "\"bounding\": [ $1 ], \"effective\": [ $1 ], \"permitted\": [ $1 ], \"inheritable\": [ $1 ], \"ambient\": [ $1 ]"
}
caps_of() { echo "$OUT" | awk '/^(Cap|NoNewPrivs)/ { printf "%s%s %s", s, $1, $2; s = " " }'; }
three='"CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"'
cc=0000000020000420 cz=0000000000000000
t_escape_caps() {
	C_CAPS=$(capset "$three") sh_ct caps3 'cat /proc/1/status'
	check_eq caps-default-root "CapInh: $cc CapPrm: $cc CapEff: $cc CapBnd: $cc CapAmb: $cc NoNewPrivs: 1" "$(caps_of)"
	C_CAPS=$(capset "$three") C_USER='"uid": 1000, "gid": 1000' sh_ct caps3u 'cat /proc/1/status'
	check_eq caps-default-uid1000 "CapInh: $cc CapPrm: $cc CapEff: $cc CapBnd: $cc CapAmb: $cc NoNewPrivs: 1" "$(caps_of)"
	C_CAPS=$(capset '') C_NNP=false sh_ct caps0 'cat /proc/1/status'
	check_eq caps-empty "CapInh: $cz CapPrm: $cz CapEff: $cz CapBnd: $cz CapAmb: $cz NoNewPrivs: 0" "$(caps_of)"
	after caps
}

# a setuid-root copy of tests/evil, run by uid 1000: no euid 0 under NNP
# (rc and stderr in the checks: on s390x both got nothing, twice, under load)
t_escape_nnp_setuid() {
	if [ ! -x "$B/rootfs/bin/evil" ]; then
		skip nnp-setuid "tests/evil not built (make tests/evil)"
		return 0
	fi
	cp "$B/rootfs/bin/evil" "$B/rootfs/bin/suid" && chmod 4755 "$B/rootfs/bin/suid"
	C_USER='"uid": 1000, "gid": 1000' sh_ct suid '/bin/suid ids'
	check_eq nnp-setuid-no-gain "exit 0: uid=1000 euid=1000: " "exit $RC: $OUT: $ERR"
	C_NNP=false C_USER='"uid": 1000, "gid": 1000' sh_ct suid0 '/bin/suid ids'
	check_eq setuid-gains-without-nnp "exit 0: uid=1000 euid=0: " "exit $RC: $OUT: $ERR"	# the control
	after setuid
}
