# 30-run: `run` in the foreground without a terminal: exit status, identity,
# process attributes, namespaces, signal forwarding; nothing left after each.

setup() {
	mkbundle "$TMPD/b"
}

# after NAME: the run left nothing behind
after() { nothing_left "$1-nothing-left" "$ID"; }

# ---- exit status -------------------------------------------------------------

t_run_exit_status() {
	sh_ct exit7 'exit 7'
	check_eq exit-status "exit 7: " "exit $RC: $ERR"
	after exit7
}

# pid 1 of a pid namespace cannot SIGKILL itself, so drop the pid namespace
t_run_exit_signal_128_9() {
	C_NAMESPACES='{ "type": "network" }, { "type": "ipc" }, { "type": "uts" }, { "type": "mount" }' \
		sh_ct kill9 'kill -9 $$'
	check_eq exit-signal-128+9 "exit 137: " "exit $RC: $ERR"
	after kill9
	unset C_NAMESPACES
}

# ---- identity ----------------------------------------------------------------

t_run_hostname() {
	C_HOSTNAME=box42 sh_ct hostname 'hostname'
	check_eq hostname "box42" "$OUT"
	after hostname
}

t_run_whoami() {
	sh_ct whoami 'whoami'
	check_eq whoami root "$OUT"
}

t_run_pid_is_1() {
	sh_ct pid1 'echo $$'
	check_eq pid-is-1 1 "$OUT"
}

t_run_ls_root_marker() {
	sh_ct ls-root 'cat /rootfs-marker; ls /'
	check_eq ls-root-marker rootfs "$(echo "$OUT" | head -n 1)"
	check_eq ls-root "$(ls "$B/rootfs")" "$(echo "$OUT" | sed 1d)"
}

t_run_ip_only_lo() {
	sh_ct ipaddr 'ip addr'
	check_eq ip-only-lo "1" "$(echo "$OUT" | grep -c '^[0-9]*:')"
	check_match ip-lo-up '^1: lo: <LOOPBACK,UP' "$OUT"
	check_match ip-lo-inet 'inet 127\.0\.0\.1/8 ' "$OUT"
	check_match ip-lo-inet6 'inet6 ::1/128 ' "$OUT"
	after ipaddr
}

# runc 1.1.5 ignores "domainname" (the container shows "(none)")
t_run_domainname() {
	if need_rt_only domainname; then
		C_TOP_EXTRA=', "domainname": "example.org"' sh_ct domain 'cat /proc/sys/kernel/domainname'
		check_eq domainname example.org "$OUT"
		unset C_TOP_EXTRA
	fi
}

# ---- process attributes ------------------------------------------------------

t_run_env_set() {
	C_ENV='"PATH=/bin", "FOO=bar"' RT_TEST_LEAK=leaked sh_ct env 'env'
	check_has env-set FOO=bar "$OUT"
	check_nomatch env-no-host-leak 'RT_TEST_LEAK|^OLDPWD=|^USER=|^LOGNAME=|^SHELL=' "$OUT"
	# runc sets HOME from the rootfs /etc/passwd when the config has none
	h=$(echo "$OUT" | grep '^HOME=')
	case $h in ""|HOME=/root) ok env-home ;; *) fail env-home "HOME unset or /root" "$h" ;; esac
	after env
}

# socket activation (runc's): LISTEN_FDS with LISTEN_PID = the runtime's
# pid hands fds 3.. to the container, before --preserve-fds's, with
# LISTEN_FDS and LISTEN_PID=1 in its environment; another pid's are not
# for us and nothing is passed
t_run_listen_fds() {
	echo first > "$TMPD/f3"
	echo second > "$TMPD/f4"
	echo third > "$TMPD/f5"
	ID=$(newid listen); track "$ID"
	C_ARGS='"sh", "-c", "echo $LISTEN_FDS $LISTEN_PID; cat <&3; cat <&4; cat <&5; ls /proc/self/fd | sort -n | tr \"\\n\" \" \""' mkconfig "$B"
	# the inner sh's pid is the one it execs rt with
	sh -c 'LISTEN_PID=$$ LISTEN_FDS=2 exec "$0" run --preserve-fds 1 --bundle "$1" "$2"' \
		"$RT" "$B" "$ID" 3< "$TMPD/f3" 4< "$TMPD/f4" 5< "$TMPD/f5" \
		< /dev/null > "$TMPD/out" 2> "$TMPD/err"
	check_eq listen-fds "exit 0: 2 1
first
second
third
0 1 2 3 4 5 6 : " "exit $?: $(cat "$TMPD/out"): $(cat "$TMPD/err")"
	after listen
	ID=$(newid listen-other); track "$ID"
	C_ARGS='"sh", "-c", "echo [$LISTEN_FDS]; ls /proc/self/fd | sort -n | tr \"\\n\" \" \""' mkconfig "$B"
	(exec 3< "$TMPD/f3"
	 LISTEN_FDS=1 LISTEN_PID=1 exec "$RT" run --bundle "$B" "$ID" \
		< /dev/null > "$TMPD/out" 2> "$TMPD/err")
	check_eq listen-fds-other-pid "[]
0 1 2 3 : " "$(cat "$TMPD/out"): $(cat "$TMPD/err")"
	after listen-other
}

# linux.netDevices (runtime-spec 1.3; runc 1.1.5 has none): in a network
# namespace of the test's own, which is the "host" rt runs in, two veth
# devices with addresses; the container gets them, one renamed, each with
# its permanent global addresses and up; they are not moved back
# netdev_run NAME CONFIG-EXTRA SCRIPT: run SCRIPT with netDevices
# CONFIG-EXTRA in a fresh network namespace holding rtd0 (192.0.2.1/24,
# 2001:db8::1/64, up) and rtd1 (198.51.100.7/32, down)
netdev_run() {
	ID=$(newid "$1"); track "$ID"
	C_ARGS="\"sh\", \"-c\", \"$(json_str "$3")\"" C_LINUX_EXTRA=", \"netDevices\": $2" mkconfig "$B"
	unshare -n sh -c 'ip link add rtd0 type veth && ip link add rtd1 type veth &&
		ip addr add 192.0.2.1/24 dev rtd0 && ip addr add 2001:db8::1/64 dev rtd0 &&
		ip link set rtd0 up && ip addr add 198.51.100.7/32 dev rtd1 || exit 99
		"$0" run --bundle "$1" "$2"; rc=$?
		echo "host: $(ip link 2>/dev/null | sed -n "s/^[0-9]*: \(rtd[0-9]\)[@:].*/\1/p" | tr "\n" " ")" >&2
		exit $rc' \
		"$RT" "$B" "$ID" < /dev/null > "$TMPD/out" 2> "$TMPD/err"
	RC=$?
	OUT=$(cat "$TMPD/out")
	ERR=$(cat "$TMPD/err")
}
NETDEV_SHOW='for d in $(ls /sys/class/net | sort); do [ $d = lo ] && continue; echo "$d $(($(cat /sys/class/net/$d/flags) & 1)) $(ip addr show dev $d | awk "/inet/ { print \$2 }" | sort | tr "\n" " ")"; done'
t_run_net_devices() {
	need_feature run-net-devices CONFIG_NET_DEVICES || return 0
	need_rt_only net-devices || return
	need_cmd net-devices unshare ip || return
	if ! unshare -n sh -c 'ip link add rtd0 type veth' 2>/dev/null; then
		skip net-devices "kernel $(uname -r) without veth devices"
		return
	fi
	netdev_run netdev '{ "rtd0": { "name": "eth0" }, "rtd1": {} }' "$NETDEV_SHOW"
	check_eq net-devices "exit 0: eth0 1 192.0.2.1/24 2001:db8::1/64 
rtd1 1 198.51.100.7/32 : host: " "exit $RC: $OUT: $ERR"
	after net-devices
	netdev_run netdevtmpl '{ "rtd0": { "name": "net%d" } }' 'ls /sys/class/net | sort | tr "\n" " "; ip addr show dev net0 | awk "/inet / { print \$2 }"'
	check_eq net-devices-template "exit 0: lo net0 192.0.2.1/24: host: rtd1 " "exit $RC: $OUT: $ERR"
	after net-devices-template
	# exec reads config.json again, whose device is no longer the host's
	ID=$(newid netdevexec); track "$ID"
	C_ARGS='"sleep", "100"' C_LINUX_EXTRA=', "netDevices": { "rtd0": { "name": "eth0" } }' mkconfig "$B"
	unshare -n sh -c 'ip link add rtd0 type veth || exit 99
		"$0" run -d --bundle "$1" "$2" < /dev/null || exit 98
		"$0" exec "$2" cat /sys/class/net/eth0/ifindex > /dev/null && echo exec ok
		"$0" delete -f "$2"' "$RT" "$B" "$ID" > "$TMPD/out" 2>&1
	check_eq net-devices-exec "exit 0: exec ok" "exit $?: $(cat "$TMPD/out")"
	after net-devices-exec
	netdev_run netdevlo '{ "rtd0": { "name": "lo" } }' 'echo ran'
	check_eq net-devices-name-taken "exit 1: : rt: linux.netDevices.rtd0: the container's network namespace has a device named lo
host: rtd0 rtd1 " "exit $RC: $OUT: $ERR"
	after net-devices-name-taken
	netdev_run netdevnone '{ "nope": {} }' 'echo ran'
	check_eq net-devices-missing "exit 1: : rt: linux.netDevices.nope: no such network device on the host
host: rtd0 rtd1 " "exit $RC: $OUT: $ERR"
	after net-devices-missing
	C_NAMESPACES='{ "type": "pid" }, { "type": "ipc" }, { "type": "uts" }, { "type": "mount" }' \
		netdev_run netdevhost '{ "rtd0": {} }' 'echo ran'
	check_eq net-devices-host-ns "exit 1: : rt: config.json: linux.netDevices: needs a network namespace of the container's own
host: rtd0 rtd1 " "exit $RC: $OUT: $ERR"
	after net-devices-host-ns
}

t_run_cwd() {
	C_CWD=/tmp sh_ct cwd 'pwd'
	check_eq cwd /tmp "$OUT"
}

t_run_user_uid() {
	C_USER='"uid": 1000, "gid": 1000, "additionalGids": [5, 20]' sh_ct user 'id -u; id -g; id -G'
	check_eq user-uid 1000 "$(echo "$OUT" | sed -n 1p)"
	check_eq user-gid 1000 "$(echo "$OUT" | sed -n 2p)"
	g=" $(echo "$OUT" | sed -n 3p) "
	case $g in *" 5 "*) ok user-group-5 ;; *) fail user-group-5 "groups with 5" "$g" ;; esac
	case $g in *" 20 "*) ok user-group-20 ;; *) fail user-group-20 "groups with 20" "$g" ;; esac
	after user
}

t_run_umask() {
	C_USER='"uid": 0, "gid": 0, "umask": 63' sh_ct umask 'umask'
	check_eq umask 0077 "$OUT"
}

t_run_rlimit_nofile() {
	C_RLIMITS='{ "type": "RLIMIT_NOFILE", "hard": 1024, "soft": 512 }' sh_ct rlimit 'ulimit -n; ulimit -Hn'
	check_eq rlimit-nofile "512 1024" "$(echo $OUT)"
}

# Signals rt's caller left ignored (a shell's `trap ''`, nohup) must not
# reach the container: execve keeps SIG_IGN, so the runtime resets them
# (runc too).  Not through run_ct: timeout catches HUP, INT and TERM.
# 34 is one of the signals musl's sigaction refuses to touch (32-34).
# Bit n-1 is signal n; SIGUSR1 is 10, but 16 on MIPS.
t_run_sigign_caller() {
	ign="trap '' HUP INT PIPE USR1 34; exec \"\$0\" \"\$@\""
	usr1=10; case $(uname -m) in mips*) usr1=16 ;; esac
	want=$((1 | 1 << 1 | 1 << 12 | 1 << (usr1 - 1) | 1 << 33))
	v=$(sh -c "$ign" awk '$1 == "SigIgn:" { print $2 }' /proc/self/status)
	check_eq sigign-caller $want "$((0x${v:-0} & want))"
	ID=$(newid sigign); track "$ID"
	C_ARGS='"grep", "^SigIgn:", "/proc/self/status"' mkconfig "$B"
	timeout "$T_TIMEOUT" sh -c "$ign" "$RT" run --bundle "$B" "$ID" \
		> "$TMPD/out" 2> "$TMPD/err" < /dev/null
	RC=$?
	# runc 1.1 leaves 34 ignored (Go cannot reset it): only 1-31 are checked there
	v=$(awk '$1 == "SigIgn:" { print $2 }' "$TMPD/out")
	m=-1; [ "$RT_IS_REF" = 1 ] && m=$((0xffffffff))
	check_eq sigign-reset "exit 0: ignored 0: " \
		"exit $RC: ignored $((0x${v:-1} & m)): $(cat "$TMPD/err")"
	after sigign
}

t_run_no_new_privs_true() {
	sh_ct nnp 'grep NoNewPrivs /proc/self/status'
	check_eq no-new-privs-true "NoNewPrivs:	1" "$OUT"
	C_NNP=false sh_ct nnp0 'grep NoNewPrivs /proc/self/status'
	check_eq no-new-privs-false "NoNewPrivs:	0" "$OUT"
}

t_run_oom_score_adj() {
	C_PROCESS_EXTRA=', "oomScoreAdj": 100' sh_ct oom 'cat /proc/self/oom_score_adj'
	check_eq oom-score-adj 100 "$OUT"
}

t_run_caps_default() {
	sh_ct caps 'grep ^Cap /proc/self/status'
	for c in CapBnd CapEff CapPrm; do
		check_eq "caps-default-$c" "$c:	0000000020000420" "$(echo "$OUT" | grep "^$c:")"
	done
	check_eq caps-default-CapInh "CapInh:	0000000000000000" "$(echo "$OUT" | grep "^CapInh:")"
}

t_run_caps_sys_admin() {
	x='"CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_SYS_ADMIN"'
	C_CAPS="\"bounding\": [ $x ], \"effective\": [ $x ], \"permitted\": [ $x ], \"inheritable\": [ $x ], \"ambient\": [ $x ]" \
		sh_ct capsadmin 'grep ^Cap /proc/self/status'
	for c in CapBnd CapEff CapPrm CapInh; do
		check_eq "caps-sys-admin-$c" "$c:	0000000020200420" "$(echo "$OUT" | grep "^$c:")"
	done
	after capsadmin
}

# ---- namespaces ----------------------------------------------------------------

# the container's namespaces, `KIND LINK` a line
nsl='for n in net uts ipc mnt pid; do echo $n $(readlink /proc/self/ns/$n); done'

t_run_ns() {
	sh_ct ns "$nsl"
	for n in net uts ipc mnt pid; do
		h=$(readlink /proc/self/ns/$n)
		c=$(echo "$OUT" | awk -v n=$n '$1 == n { print $2 }')
		if [ -n "$c" ] && [ "$c" != "$h" ]; then ok "ns-$n-new"
		else fail "ns-$n-new" "not $h" "$c"; fi
	done
	after ns
}

t_run_ns_net_shared() {
	C_NAMESPACES='{ "type": "pid" }, { "type": "ipc" }, { "type": "uts" }, { "type": "mount" }' \
		sh_ct nonet "$nsl; cat /proc/net/dev"
	check_eq ns-net-shared "net $(readlink /proc/self/ns/net)" "$(echo "$OUT" | grep '^net ')"
	hostif=$(awk -F: 'NR > 2 { gsub(/ /, "", $1); print $1 }' /proc/net/dev | sort)
	ctif=$(echo "$OUT" | awk -F: '/\|/ { next } /:/ && !/^[a-z]+ [a-z]+:\[/ { gsub(/ /, "", $1); print $1 }' | sort)
	check_eq ns-net-shared-interfaces "$hostif" "$ctif"
	after nonet
}

t_run_ns_net_join() {
	if need_cmd ns-net-join unshare; then
		nsf=/run/rt-test-netns-$$
		T_EXTRA_CLEANUP="umount $nsf 2>/dev/null; rm -f $nsf"
		touch "$nsf"
		if unshare --net="$nsf" true; then
			ino=$(stat -L -c %i "$nsf")
			snap_mounts
			C_NAMESPACES="{ \"type\": \"pid\" }, { \"type\": \"network\", \"path\": \"$nsf\" }, { \"type\": \"ipc\" }, { \"type\": \"uts\" }, { \"type\": \"mount\" }" \
				sh_ct netjoin 'readlink /proc/self/ns/net'
			check_eq ns-net-join "net:[$ino]" "$OUT"
			after netjoin
		else
			fail ns-net-join "unshare --net=$nsf" "failed"
		fi
		umount "$nsf"; rm -f "$nsf"
		T_EXTRA_CLEANUP=
		snap_mounts
	fi
	unset C_NAMESPACES
}

# ---- signal forwarding ---------------------------------------------------------

# The rt process runs in the foreground (a background job would start with
# SIGINT ignored); a background helper waits for "ready" and signals it.
t_run_signal() {
	sig_test() {
		sig=$1
		ID=$(newid "sig$sig"); track "$ID"
		C_ARGS="\"sh\", \"-c\", \"trap 'echo got $sig; exit 3' $sig; echo ready; while :; do sleep 0.1; done\"" \
			mkconfig "$B"
		: > "$TMPD/out"
		(
			i=0
			while ! grep -q ready "$TMPD/out" && [ $i -lt 100 ]; do
				sleep 0.1; i=$((i + 1))
			done
			for p in /proc/[0-9]*; do
				c=$( (tr '\0' ' ' < "$p/cmdline") 2>/dev/null)
				case $c in "$RT run "*" $ID ") kill -s "$sig" "${p#/proc/}" ;; esac
			done
		) &
		timeout "$T_TIMEOUT" "$RT" run --bundle "$B" "$ID" > "$TMPD/out" 2> "$TMPD/err" < /dev/null
		RC=$?
		wait
		check_eq "signal-$sig-forwarded" "exit 3: ready got $sig: " \
			"exit $RC: $(echo $(cat "$TMPD/out")): $(cat "$TMPD/err")"
		nothing_left "signal-$sig-nothing-left" "$ID"
	}
	sig_test TERM
	sig_test HUP
	sig_test INT
}
