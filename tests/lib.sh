# tests/lib.sh: helpers sourced by tests/run before each tests/NN-*.sh.
# POSIX sh plus busybox tools only: the suite also runs in a busybox-only guest.
#
# Results go to stdout as `ok NAME`, `FAIL NAME: EXPECTED / GOT`,
# `skip NAME: WHY`, and one letter per result to $RESULTS so the driver counts.
# A check NAME already used in this run ($T_CHECKS) is a FAIL of its own.
# tests/run calls t_run for each test; tests/README.md has the whole picture.

: "${TOP:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${RT:=$TOP/rt}"
: "${RESULTS:=/dev/null}"
: "${T_TIMEOUT:=30}"
: "${T_CHECKS:=}"
: "${T_SEQ:=0}"
RT_NAME=${RT##*/}
case $RT_NAME in
runc)	: "${STATE_ROOT:=/run/runc}" ;;
crun)	: "${STATE_ROOT:=/run/crun}" ;;
*)	: "${STATE_ROOT:=/run/rt}" ;;
esac
export RT TOP STATE_ROOT

# One line per value: newlines shown as \n so FAIL stays on one line.
oneline() {
	printf '%s' "$1" | awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }'
}

# repeated NAME: NAME was a check's name before in this run (FAIL printed);
# else remember it
repeated() {
	[ -n "$T_CHECKS" ] || return 1
	if grep -qxF -- "$1" "$T_CHECKS"; then
		echo "FAIL $1: a check name used once / repeated"
		echo f >> "$RESULTS"
		return 0
	fi
	printf '%s\n' "$1" >> "$T_CHECKS"
	return 1
}

# CHECK_PREFIX: set by a file to start each of its check names with it (the
# engine files: the same scenario under docker, podman and ctr)
CHECK_PREFIX=
ok() { set -- "$CHECK_PREFIX$1"; repeated "$1" && return; echo "ok $1"; echo p >> "$RESULTS"; }
fail() {
	set -- "$CHECK_PREFIX$1" "$2" "$3"
	repeated "$1" && return
	printf 'FAIL %s: %s / %s\n' "$1" "$(oneline "$2")" "$(oneline "$3")"
	echo f >> "$RESULTS"
}
skip() { set -- "$CHECK_PREFIX$1" "$2"; repeated "$1" && return; echo "skip $1: $2"; echo s >> "$RESULTS"; }

# check_eq NAME EXPECTED GOT
check_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else fail "$1" "$2" "$3"; fi
}

# check_match NAME ERE GOT: some line of GOT matches the extended regexp
check_match() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then ok "$1"
	else fail "$1" "a line matching /$2/" "$3"; fi
}

# check_nomatch NAME ERE GOT: no line of GOT matches
check_nomatch() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then
		fail "$1" "no line matching /$2/" "$3"
	else ok "$1"; fi
}

# check_has NAME STRING GOT: GOT contains STRING (fixed string)
check_has() {
	if printf '%s\n' "$3" | grep -Fq -- "$2"; then ok "$1"
	else fail "$1" "output containing '$2'" "$3"; fi
}

# check_rc NAME EXPECTED (uses $RC from run_ct)
check_rc() { check_eq "$1" "exit $2" "exit $RC"; }

case $RT_NAME in runc|crun) RT_IS_REF=1 ;; *) RT_IS_REF=0 ;; esac

# need_rt_only NAME: skip (return 1) when testing runc or crun
need_rt_only() {
	if [ "$RT_IS_REF" = 1 ]; then skip "$1" "rt only (RT=$RT_NAME)"; return 1; fi
	return 0
}

# need_cmd NAME CMD...: FAIL NAME (return 1) unless every CMD is installed:
# a command a test relies on that is missing is a failure, never a pass
need_cmd() {
	_n=$1; shift
	for _c; do
		command -v "$_c" >/dev/null 2>&1 ||
			{ fail "$_n" "command $_c" "$_c: not found"; return 1; }
	done
	return 0
}

# skip_without_cmd NAME CMD...: skip NAME (return 1) unless every CMD is
# installed; only for what is genuinely optional (runc to compare with, the
# container engines), never for a tool the check itself needs
skip_without_cmd() {
	_n=$1; shift
	for _c; do
		command -v "$_c" >/dev/null 2>&1 ||
			{ skip "$_n" "$_c not installed"; return 1; }
	done
	return 0
}

# need_feature NAME FEATURE: skip NAME (return 1) when `$RT features` says
# FEATURE is compiled out.  FEATURE: seccomp, apparmor, selinux, intelRdt
# (linux.X.enabled), cgroup-v1, cgroup-v2 (linux.cgroup.vN), ns-KIND (in
# linux.namespaces), or CONFIG_X, a Kconfig switch of rt's (off when
# `$RT --version` says CONFIG_X=n).  A runtime without `features` (runc
# 1.1) has them all.
need_feature() {
	case $2 in
	CONFIG_*)
		rt_has "$2" && return 0
		skip "$1" "$2=n ($RT_NAME --version)"
		return 1 ;;
	seccomp|apparmor|selinux|intelRdt)	_p="\.linux\.$2\.enabled" _v=true ;;
	cgroup-v[12])	_p="\.linux\.cgroup\.${2#cgroup-}" _v=true ;;
	ns-*)		_p='\.linux\.namespaces\[[0-9]*\]' _v=\"${2#ns-}\" ;;
	*)		fail "$1" "a feature need_feature knows" "$2"; return 1 ;;
	esac
	_f=${T_CACHE:-$TMPD}/features
	if [ ! -f "$_f" ]; then
		"$RT" features 2>/dev/null | json_flat > "$_f" 2>/dev/null ||
			echo none > "$_f"
	fi
	grep -qx none "$_f" && return 0
	grep -qx -- "$_p $_v" "$_f" && return 0
	skip "$1" "$2 compiled out ($RT_NAME features)"
	return 1
}

# rt_has CONFIG_X: $RT has Kconfig switch X (its --version names those it
# lacks; runc and crun have them all); silent, read once a run
rt_has() {
	_k=${T_CACHE:-$TMPD}/kconfig
	[ -f "$_k" ] ||
		{ "$RT" --version 2>/dev/null | sed -n 's/^kconfig: //p'; echo; } > "$_k"
	case " $(cat "$_k") " in *" $1=n "*) return 1 ;; esac
	return 0
}

# ---- JSON -----------------------------------------------------------------

# json_flat: check that stdin is one JSON value and print one line per scalar
# in it, `PATH TOKEN` (.linux.namespaces[2] "user"); on a syntax error print
# `invalid JSON at byte N` and return 1.  Any POSIX awk (busybox too).
json_flat() {
	awk '
	function ws() { while (p <= n && index(" \t\n\r", substr(s, p, 1))) p++ }
	function str(   c, q) {
		q = p; p++
		while (p <= n) {
			c = substr(s, p, 1)
			if (c == "\"") { p++; tok = substr(s, q, p - q); return 1 }
			if (c == "\\") {
				p++; c = substr(s, p, 1)
				if (c == "u") {
					if (substr(s, p + 1, 4) !~ /^[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]$/) return 0
					p += 4
				} else if (!index("\"\\/bfnrt", c)) return 0
			} else if (c < " ") return 0
			p++
		}
		return 0
	}
	function val(path,   c, i, k) {
		ws(); c = substr(s, p, 1)
		if (c == "{") {
			p++; ws()
			if (substr(s, p, 1) == "}") { p++; return 1 }
			for (;;) {
				ws()
				if (substr(s, p, 1) != "\"" || !str()) return 0
				k = substr(tok, 2, length(tok) - 2)
				ws()
				if (substr(s, p, 1) != ":") return 0
				p++
				if (!val(path "." k)) return 0
				ws(); c = substr(s, p, 1); p++
				if (c == "}") return 1
				if (c != ",") return 0
			}
		}
		if (c == "[") {
			p++; ws()
			if (substr(s, p, 1) == "]") { p++; return 1 }
			for (i = 0; ; i++) {
				if (!val(path "[" i "]")) return 0
				ws(); c = substr(s, p, 1); p++
				if (c == "]") return 1
				if (c != ",") return 0
			}
		}
		if (c == "\"") {
			if (!str()) return 0
		} else if (match(substr(s, p, 40), /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/)) {
			tok = substr(s, p, RLENGTH); p += RLENGTH
		} else if (substr(s, p, 4) == "true" || substr(s, p, 4) == "null") {
			tok = substr(s, p, 4); p += 4
		} else if (substr(s, p, 5) == "false") {
			tok = "false"; p += 5
		} else return 0
		print path " " tok
		return 1
	}
	{ s = s $0 "\n" }
	END {
		p = 1; n = length(s)
		if (!val("")) { print "invalid JSON at byte " p; exit 1 }
		ws()
		if (p <= n) { print "invalid JSON: trailing data at byte " p; exit 1 }
	}'
}

# jget FLAT PATH: the value at PATH (a sed BRE, e.g. '\.status') in the
# json_flat output FLAT, string quotes removed
jget() {
	printf '%s\n' "$1" | sed -n "s/^$2 //p" | sed 's/^"\(.*\)"$/\1/'
}
# jlist FLAT PATH: the values of array PATH[], one line, space separated
jlist() { echo $(jget "$1" "$2\[[0-9]*\]"); }
# jkeys FLAT: the top-level keys, in order
jkeys() { echo $(printf '%s\n' "$1" | sed -n 's/^\.\([A-Za-z0-9_]*\).*/\1/p' | uniq); }

# ---- temp dir, ids, cleanup ----------------------------------------------

TMPD=
T_IDS=
# newtmp: make $TMPD and install the cleanup trap (t_run does, per test)
newtmp() {
	[ -n "$TMPD" ] && return 0
	TMPD=$(mktemp -d /tmp/rt-test.XXXXXX)
	trap cleanup EXIT
	trap 'exit 130' INT TERM HUP
}

# t_run FUNCTION NAME: one test (tests/run calls it in a subshell of its own,
# lib.sh and the test's file sourced): a fresh $TMPD, the file's setup if it
# has one, FUNCTION, then on exit cleanup (the file's teardown if it has one,
# the tracked containers deleted, $TMPD unmounted and removed); skipped when
# $RT lacks one of the Kconfig switches the file names in T_NEEDS
t_run() {
	T_TEST=$2
	newtmp
	for _n in ${T_NEEDS:-}; do need_feature "$2" "$_n" || return 0; done
	if command -v setup >/dev/null 2>&1; then setup || return 1; fi
	"$1"
}

# file_run FUNCTION: a test file's file_setup or file_teardown (tests/run
# calls each once around the file's selected tests, in a subshell with lib.sh
# and the file sourced, so what they share is in files under $T_FILE_DIR,
# which tests/run made and exports to the tests).  $TMPD is $T_FILE_DIR/tmp
# there.  After file_teardown, everything mounted below $T_FILE_DIR is
# unmounted and the directory removed.
file_run() {
	T_TEST=$1
	TMPD=$T_FILE_DIR/tmp
	mkdir -p "$TMPD"
	if [ "$1" = file_teardown ]; then
		trap 'umount_under "$T_FILE_DIR"; rm -rf "$T_FILE_DIR"' EXIT
	fi
	command -v "$1" >/dev/null 2>&1 || return 0
	"$1"
}

# newid NAME: prints a container id unique to this run and test
newid() { echo "t$$-$T_SEQ-$1"; }
track() { T_IDS="$T_IDS $1"; }

# umount_under DIR: lazily unmount everything mounted at or below DIR,
# deepest first, so that rm -rf never walks into a bind of a host dir.
umount_under() {
	awk -v d="$1" '$5 == d || index($5, d "/") == 1 { print $5 }' \
		/proc/self/mountinfo | sort -r | while read -r m; do
		umount -l "$m" 2>/dev/null
	done
}

cleanup() {
	command -v teardown >/dev/null 2>&1 && teardown
	for id in $T_IDS; do
		"$RT" delete -f "$id" >/dev/null 2>&1
	done
	if [ -n "$TMPD" ] && [ -d "$TMPD" ]; then
		umount_under "$TMPD"
		rm -rf "$TMPD"
	fi
	[ -n "$T_EXTRA_CLEANUP" ] && eval "$T_EXTRA_CLEANUP"
	return 0
}

# snap_mounts: remember the current mount table for nothing_left
snap_mounts() {
	[ -n "$TMPD" ] || newtmp
	cat /proc/self/mountinfo > "$TMPD/mounts.snap"
}

# ---- bundles ----------------------------------------------------------------

# mkbundle DIR: a busybox rootfs in DIR/rootfs, snapshot of the mount table
# taken; sets B=DIR.  The rootfs is built once per tests/run in $T_CACHE and
# each bundle gets a copy of its own.
mkbundle() {
	B=$1
	if [ -n "$T_CACHE" ]; then
		[ -f "$T_CACHE/rootfs.done" ] ||
			{ mkrootfs "$T_CACHE/rootfs" && : > "$T_CACHE/rootfs.done"; }
		mkdir -p "$B/rootfs"
		cp -a "$T_CACHE/rootfs/." "$B/rootfs/"
	else
		mkrootfs "$B/rootfs"
	fi
	snap_mounts
}

# mkbundle_ro DIR [ROOTFS]: mkbundle, but DIR/rootfs is a read-only bind
# mount of ROOTFS (default the rootfs built once per run), not a copy of it
# (the copy takes a quarter second): for a test whose container keeps its
# root read-only and that writes nothing into the rootfs.  A copy when the
# bind fails; cleanup unmounts it.
mkbundle_ro() {
	_from=$2
	if [ -z "$_from" ]; then
		[ -n "$T_CACHE" ] || { mkbundle "$1"; return; }
		[ -f "$T_CACHE/rootfs.done" ] ||
			{ mkrootfs "$T_CACHE/rootfs" && : > "$T_CACHE/rootfs.done"; }
		_from=$T_CACHE/rootfs
	fi
	B=$1
	mkdir -p "$B/rootfs"
	if ! { mount --bind "$_from" "$B/rootfs" &&
		mount -o remount,bind,ro "$B/rootfs"; } 2>/dev/null; then
		umount "$B/rootfs" 2>/dev/null
		cp -a "$_from/." "$B/rootfs/"
	fi
	snap_mounts
}

# mkrootfs DIR: busybox and its links, /etc/passwd and group, tests/escape
mkrootfs() {
	r=$1
	mkdir -p "$r/bin" "$r/etc" "$r/tmp" "$r/proc" "$r/sys" "$r/dev" "$r/root" \
		"$r/mnt"
	chmod 1777 "$r/tmp"
	cp /bin/busybox "$r/bin/busybox"
	for a in $(/bin/busybox --list); do
		[ "$a" = busybox ] || ln -s busybox "$r/bin/$a"
	done
	cat > "$r/etc/passwd" <<-EOF
	root:x:0:0:root:/root:/bin/sh
	nobody:x:65534:65534:nobody:/nonexistent:/bin/false
	EOF
	cat > "$r/etc/group" <<-EOF
	root:x:0:
	tty:x:5:
	nogroup:x:65534:
	EOF
	[ -x "$TOP/tests/escape" ] && cp "$TOP/tests/escape" "$r/bin/escape"
	echo rootfs > "$r/rootfs-marker"
}

# mkconfig DIR: DIR/config.json from C_* variables; defaults are runc spec's
# default config except terminal false and hostname rt.
mkconfig() {
	_caps='"CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"'
	_user=${C_USER-'"uid": 0, "gid": 0'}
	_args=${C_ARGS-'"sh"'}
	_env=${C_ENV-'"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"'}
	_capsobj=${C_CAPS-"\"bounding\": [ $_caps ], \"effective\": [ $_caps ], \"permitted\": [ $_caps ], \"ambient\": [ $_caps ]"}
	_rlim=${C_RLIMITS-'{ "type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024 }'}
	_ns=${C_NAMESPACES-'{ "type": "pid" }, { "type": "network" }, { "type": "ipc" }, { "type": "uts" }, { "type": "mount" }'}
	# runc's device rule, where rt has device rules (rt spec leaves it out)
	_res='"resources": { "devices": [ { "allow": false, "access": "rwm" } ] },'
	rt_has CONFIG_CGROUP_DEVICES || _res=
	cat > "$1/config.json" <<EOF
{
	"ociVersion": "${C_VERSION:-1.0.2-dev}",
	"process": {
		"terminal": ${C_TERMINAL:-false},
		"user": { $_user },
		"args": [ $_args ],
		"env": [ $_env ],
		"cwd": "${C_CWD:-/}",
		"capabilities": { $_capsobj },
		"rlimits": [ $_rlim ],
		"noNewPrivileges": ${C_NNP:-true}${C_PROCESS_EXTRA}
	},
	"root": { "path": "${C_ROOT_PATH:-rootfs}", "readonly": ${C_ROOT_RO:-true} },
	"hostname": "${C_HOSTNAME:-rt}",
	"mounts": [
		{ "destination": "/proc", "type": "proc", "source": "proc" },
		{ "destination": "/dev", "type": "tmpfs", "source": "tmpfs",
		  "options": [ "nosuid", "strictatime", "mode=755", "size=65536k" ] },
		{ "destination": "/dev/pts", "type": "devpts", "source": "devpts",
		  "options": [ "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5" ] },
		{ "destination": "/dev/shm", "type": "tmpfs", "source": "shm",
		  "options": [ "nosuid", "noexec", "nodev", "mode=1777", "size=65536k" ] },
		{ "destination": "/dev/mqueue", "type": "mqueue", "source": "mqueue",
		  "options": [ "nosuid", "noexec", "nodev" ] },
		{ "destination": "/sys", "type": "sysfs", "source": "sysfs",
		  "options": [ "nosuid", "noexec", "nodev", "ro" ] },
		{ "destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup",
		  "options": [ "nosuid", "noexec", "nodev", "relatime", "ro" ] }${C_MOUNTS_EXTRA}
	],
	"linux": {
		$_res
		"namespaces": [ $_ns ],
		"maskedPaths": [ "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
			"/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
			"/proc/sched_debug", "/sys/firmware", "/proc/scsi" ],
		"readonlyPaths": [ "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
			"/proc/sysrq-trigger" ]${C_LINUX_EXTRA}
	}${C_TOP_EXTRA}
}
EOF
}

# ---- running ---------------------------------------------------------------

# run_ct [RUN-OPTIONS] ID: `$RT run` in the foreground on bundle $B with
# stdin from /dev/null; sets OUT, ERR (whole stdout, stderr) and RC.
run_ct() {
	timeout "$T_TIMEOUT" "$RT" run --bundle "$B" "$@" \
		> "$TMPD/out" 2> "$TMPD/err" < /dev/null
	RC=$?
	OUT=$(cat "$TMPD/out")
	ERR=$(cat "$TMPD/err")
}

# json_str STRING: STRING as the body of a JSON string (no quotes around)
json_str() {
	printf '%s\n' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g; s/	/\\t/g' |
		awk '{ printf "%s%s", (NR > 1 ? "\\n" : ""), $0 }'
}

# sh_ct NAME SCRIPT [RUN-OPTIONS]: mkconfig with args sh -c SCRIPT, then
# run_ct RUN-OPTIONS on a new id, which is left in $ID.
sh_ct() {
	ID=$(newid "$1"); track "$ID"
	C_ARGS="\"sh\", \"-c\", \"$(json_str "$2")\"" mkconfig "$B"
	shift 2
	run_ct "$@" "$ID"
}

# cfg_err NAME MESSAGE: run $B (config already written) as a fresh id and
# expect exit 1 with exactly MESSAGE on stderr and nothing left.
cfg_err() {
	ID=$(newid "$1"); track "$ID"
	run_ct "$ID"
	if need_rt_only "$1"; then
		check_eq "$1" "exit 1: $2" "exit $RC: $ERR"
	fi
	nothing_left "$1-nothing-left" "$ID"
}

# ---- leftovers -------------------------------------------------------------

# leftover_procs STRING...: pids (not us) whose cmdline mentions any STRING
leftover_procs() {
	for p in /proc/[0-9]*; do
		pid=${p#/proc/}
		[ "$pid" = "$$" ] && continue
		c=$( (tr '\0' ' ' < "$p/cmdline") 2>/dev/null) || continue
		for s; do
			case $c in *"$s"*) echo "$pid: $c"; break ;; esac
		done
	done | grep -v 'leftover_procs'
}

# nothing_left NAME ID: no $STATE_ROOT/ID, no mountinfo line that was not in
# the snapshot, no process whose cmdline mentions the bundle or the id.
# cgroup directories named ID anywhere in the cgroup2 hierarchy (rt and
# runc both name a container's cgroup after its id by default)
leftover_cgroups() {
	cgm=$(awk '{ for (i = 7; i < NF; i++) if ($i == "-") { if ($(i + 1) == "cgroup2") { print $5; exit } break } }' /proc/self/mountinfo 2>/dev/null)
	[ -n "$cgm" ] || return 0
	find "$cgm" -maxdepth 4 -type d -name "$1" 2>/dev/null
}

nothing_left() {
	n=$1 id=$2 i=0
	while :; do
		got=
		[ -e "$STATE_ROOT/$id" ] && got="state dir $STATE_ROOT/$id"
		m=$(grep -vxF -f "$TMPD/mounts.snap" /proc/self/mountinfo)
		[ -n "$m" ] && got="$got${got:+; }new mounts: $m"
		p=$(leftover_procs "$B" "$id")
		[ -n "$p" ] && got="$got${got:+; }processes: $p"
		c=$(leftover_cgroups "$id")
		[ -n "$c" ] && got="$got${got:+; }cgroups: $c"
		[ -z "$got" ] && { ok "$n"; return 0; }
		i=$((i + 1))
		[ $i -ge 20 ] && break
		sleep 0.1
	done
	fail "$n" "nothing left" "$got"
	return 1
}
