# tests/lib.sh: helpers sourced by tests/run before each tests/NN-*.sh.
# POSIX sh plus busybox tools only: the suite also runs in a busybox-only guest.
#
# Results go to stdout as `ok NAME`, `FAIL NAME: EXPECTED / GOT`,
# `skip NAME: WHY`, and one letter per result to $RESULTS so the driver counts.

: "${TOP:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${RT:=$TOP/rt}"
: "${RESULTS:=/dev/null}"
: "${T_TIMEOUT:=30}"
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

ok() { echo "ok $1"; echo p >> "$RESULTS"; }
fail() { printf 'FAIL %s: %s / %s\n' "$1" "$(oneline "$2")" "$(oneline "$3")"; echo f >> "$RESULTS"; }
skip() { echo "skip $1: $2"; echo s >> "$RESULTS"; }

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

# need_cmd NAME CMD...: skip (return 1) unless every CMD is installed
need_cmd() {
	n=$1; shift
	for c; do
		command -v "$c" >/dev/null 2>&1 || { skip "$n" "$c not installed"; return 1; }
	done
	return 0
}

# ---- temp dir, ids, cleanup ----------------------------------------------

TMPD=
T_IDS=
# newtmp: make $TMPD and install the cleanup trap (once per test file)
newtmp() {
	TMPD=$(mktemp -d /tmp/rt-test.XXXXXX)
	trap cleanup EXIT
	trap 'exit 130' INT TERM HUP
}

# newid NAME: prints a unique container id and remembers it for cleanup
newid() { echo "t$$-$1"; }
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

# mkbundle DIR: a busybox rootfs in DIR/rootfs; sets B=DIR
mkbundle() {
	B=$1
	r=$B/rootfs
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
	snap_mounts
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
		"resources": { "devices": [ { "allow": false, "access": "rwm" } ] },
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
