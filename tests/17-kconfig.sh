# 17-kconfig: every Kconfig feature switch turned off alone from defconfig,
# and tinyconfig and allnoconfig: each builds with -Werror, says what it
# lacks (`rt --version`, `rt features`), runs the seed walkthrough (its own
# `rt spec`, a shell on a pty, create/start/state/list/kill/delete) and
# refuses what its feature did, in one line naming the symbol, leaving
# nothing behind.  Host only (tests/vm/run leaves it out): it compiles.

# file_setup: each variant built from this tree's Makefile, Kconfig and
# runtime.c in a copy of its own, two at a time; its make output kept.
KVARS="tinyconfig allnoconfig"
file_setup() {
	need_cmd kconfig-build make musl-gcc awk sed || return 1
	for s in $(awk '/^config /{s=$2} /^\tbool/{print s}' "$TOP/Kconfig"); do
		KVARS="$KVARS $s"
	done
	echo "$KVARS" > "$T_FILE_DIR/vars"
	set -- $KVARS
	while [ $# -gt 0 ]; do
		kbuild "$1" & p1=$!
		p2=
		[ $# -gt 1 ] && { kbuild "$2" & p2=$!; }
		wait $p1 ${p2:+$p2}
		shift; [ $# -gt 0 ] && shift
	done
	return 0
}

# kbuild VARIANT: $T_FILE_DIR/VARIANT/rt, and its make output in build.log
kbuild() {
	d=$T_FILE_DIR/$1
	mkdir -p "$d"
	cp "$TOP/Makefile" "$TOP/Kconfig" "$TOP/runtime.c" "$d/"
	{
		case $1 in
		*config)	make -s -C "$d" "$1" ;;
		*)		make -s -C "$d" defconfig &&
				sed -i "s/^CONFIG_$1=y$/# CONFIG_$1 is not set/" "$d/.config" ;;
		esac && make -s -C "$d" WERROR=1 rt
	} > "$d/build.log" 2>&1
}

# kvar NAME VARIANT: sets KRT to the variant's rt and checks its build, its
# --version line and its walkthrough; returns 1 when it did not build
kvar() {
	KRT=$T_FILE_DIR/$2/rt KROOT=$TMPD/root KB=$TMPD/box
	if [ ! -x "$KRT" ]; then
		fail "$1-build" "built with -Werror" "$(grep -v '^  ' "$T_FILE_DIR/$2/build.log" | head -n 3)"
		return 1
	fi
	check_nomatch "$1-build-warnings" 'warning|error' "$(cat "$T_FILE_DIR/$2/build.log")"
	case $2 in
	*config)	want=$(awk '/^config /{s=$2} /^\tbool/{print s}' "$TOP/Kconfig" |
			  grep -vx "$( [ "$2" = tinyconfig ] && echo 'TERMINAL\|SPEC' || echo '#')" |
			  sed 's/.*/CONFIG_&=n/' | tr '\n' ' ') ;;
	*)		want="CONFIG_$2=n " ;;
	esac
	v=$("$KRT" --version | sed -n 's/^kconfig: //p')
	case " $v " in
	*" ${want% } "*|*" ${want% }"*) ok "$1-version" ;;
	*)	fail "$1-version" "kconfig: ...$want..." "$v" ;;
	esac
	[ "$2" = allnoconfig ] || kwalk "$1" "$2"
}

# kwalk NAME VARIANT: the README's seed walkthrough with the variant
kwalk() {
	mkdir -p "$KB"
	mkrootfs "$KB/rootfs"
	if [ "$2" = SPEC ]; then	# a bundle written by the full rt
		(cd "$KB" && "$RT" spec)
	else
		(cd "$KB" && "$KRT" spec)
	fi
	check_eq "$1-spec" 0 "$?"
	id=$(newid "$1"); track "$id"
	t=$(sed -n 's/.*"terminal": \(.*\),/\1/p' "$KB/config.json")
	if [ "$t" = true ]; then
		need_cmd "$1-walk" "$TOP/tests/ptyrun" || return 0
		printf 'hostname; echo pid=$$; exit 3\n' | timeout "$T_TIMEOUT" \
			"$TOP/tests/ptyrun" -- "$KRT" --root "$KROOT" run --bundle "$KB" "$id" \
			> "$TMPD/out" 2>&1
	else
		printf 'hostname; echo pid=$$; exit 3\n' | timeout "$T_TIMEOUT" \
			"$KRT" --root "$KROOT" run --bundle "$KB" "$id" > "$TMPD/out" 2>&1
	fi
	RC=$?
	o=$(tr -d '\r' < "$TMPD/out" | grep -x 'rt\|pid=1' | tr '\n' ' ')
	check_eq "$1-walk" "exit 3: rt pid=1 " "exit $RC: $o"
	# the lifecycle, detached
	sed -i 's/"terminal": true/"terminal": false/; s/"sh"$/"sleep", "100"/' "$KB/config.json"
	"$KRT" --root "$KROOT" create --bundle "$KB" "$id" < /dev/null > /dev/null 2>&1 &&
	"$KRT" --root "$KROOT" start "$id" &&
	s=$("$KRT" --root "$KROOT" state "$id" | sed -n 's/.*"status": "\(.*\)",/\1/p') &&
	l=$("$KRT" --root "$KROOT" list -q) &&
	"$KRT" --root "$KROOT" kill "$id" KILL
	RC=$?
	n=0
	while [ $n -lt 50 ] && ! "$KRT" --root "$KROOT" state "$id" 2>/dev/null |
		grep -q '"status": "stopped"'; do
		sleep 0.1; n=$((n + 1))
	done
	"$KRT" --root "$KROOT" delete "$id"
	check_eq "$1-lifecycle" "exit 0 running $id delete 0 left " \
		"exit $RC $s $l delete $? left $(ls "$KROOT" 2>/dev/null)"
}

# krefuse NAME WANT RT-ARGS...: rt with RT-ARGS fails with the one line WANT
# (exit 1) and leaves no state behind
krefuse() {
	_n=$1 _w=$2; shift 2
	"$KRT" --root "$KROOT" "$@" > "$TMPD/out" 2> "$TMPD/err" < /dev/null
	check_eq "$_n" "exit 1: $_w" "exit $?: $(cat "$TMPD/err")"
	check_eq "$_n-nothing-left" "" "$(ls "$KROOT" 2>/dev/null)"
}

# kcfg NAME FIELD SECTION JSON: the walkthrough's bundle with "FIELD": JSON
# added to config.json's SECTION (process or linux, or top), refused naming
# FIELD's path and the variant's symbol
kcfg() {
	cp "$KB/config.json" "$TMPD/config.orig"
	case $3 in
	top)	sed -i "0,\|^{\$|s||{\n\t\"$2\": $4,|" "$KB/config.json" ;;
	*)	sed -i "s|^\t\"$3\": {\$|&\n\t\t\"$2\": $4,|" "$KB/config.json" ;;
	esac
	id=$(newid "$1"); track "$id"
	krefuse "$1" "rt: config.json: $5: not in this build (CONFIG_$K=n)" \
		run --bundle "$KB" "$id"
	cp "$TMPD/config.orig" "$KB/config.json"
}

# kfeat NAME PATH VALUE: `rt features` has PATH VALUE (json_flat's form);
# VALUE [] is an empty array: no PATH[0]
kfeat() {
	f=$("$KRT" features | json_flat)
	if [ "$3" = '[]' ]; then
		check_nomatch "$1" "^\\$2\\[" "$f"
		check_match "$1-listed" "^\\.ociVersionMax " "$f"
	else
		check_has "$1" "$2 $3" "$f"
	fi
}

t_kconfig_tinyconfig() {
	kvar kconfig-tiny tinyconfig || return 0
	K=EXEC krefuse kconfig-tiny-exec "rt: exec: not in this build (CONFIG_EXEC=n)" exec x sh
	K=CGROUPS kcfg kconfig-tiny-resources resources linux '{"pids": {"limit": 10}}' linux.resources
	K=FEATURES krefuse kconfig-tiny-features "rt: features: not in this build (CONFIG_FEATURES=n)" features
}

# no walkthrough: it has no `rt spec`, and runc's default config asks for
# a terminal and device rules
t_kconfig_allnoconfig() {
	kvar kconfig-allno allnoconfig || return 0
	krefuse kconfig-allno-spec "rt: spec: not in this build (CONFIG_SPEC=n)" \
		spec --bundle "$TMPD"
	mkdir -p "$KB" && (cd "$KB" && "$RT" spec) && mkrootfs "$KB/rootfs"
	id=$(newid allno); track "$id"
	krefuse kconfig-allno-terminal "rt: config.json: process.terminal: not in this build (CONFIG_TERMINAL=n)" \
		run --bundle "$KB" "$id"
}

t_kconfig_terminal() {
	K=TERMINAL; kvar kconfig-terminal $K || return 0
	sed -i 's/"terminal": false/"terminal": true/' "$KB/config.json"
	id=$(newid terminal); track "$id"
	krefuse kconfig-terminal-config "rt: config.json: process.terminal: not in this build (CONFIG_TERMINAL=n)" \
		run --bundle "$KB" "$id"
	krefuse kconfig-terminal-socket "rt: run: --console-socket: not in this build (CONFIG_TERMINAL=n)" \
		run --console-socket /x --bundle "$KB" x
}

t_kconfig_exec() {
	K=EXEC; kvar kconfig-exec $K || return 0
	krefuse kconfig-exec-refused "rt: exec: not in this build (CONFIG_EXEC=n)" exec x sh
	check_nomatch kconfig-exec-help '^ *exec ' "$("$KRT" --help)"
}

t_kconfig_hooks() {
	K=HOOKS; kvar kconfig-hooks $K || return 0
	kcfg kconfig-hooks-refused hooks top '{"prestart": [{"path": "/bin/true"}]}' hooks
	kfeat kconfig-hooks-features .hooks '[]'
}

t_kconfig_seccomp() {
	K=SECCOMP; kvar kconfig-seccomp $K || return 0
	kcfg kconfig-seccomp-refused seccomp linux '{"defaultAction": "SCMP_ACT_ALLOW"}' linux.seccomp
	kfeat kconfig-seccomp-features .linux.seccomp.enabled false
}

t_kconfig_seccomp_notify() {
	K=SECCOMP_NOTIFY; kvar kconfig-notify $K || return 0
	id=$(newid notify); track "$id"
	sed -i 's/^\t"linux": {$/&\n\t\t"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["getppid"], "action": "SCMP_ACT_NOTIFY"}], "listenerPath": "\/x"},/' "$KB/config.json"
	krefuse kconfig-notify-refused "rt: config.json: linux.seccomp.syscalls[0].action: SCMP_ACT_NOTIFY: not in this build (CONFIG_SECCOMP_NOTIFY=n)" \
		run --bundle "$KB" "$id"
	f=$("$KRT" features | json_flat)
	check_nomatch kconfig-notify-features '"SCMP_ACT_NOTIFY"|WAIT_KILLABLE' "$f"
	id=$(newid notify-flag); track "$id"
	sed -i 's/"listenerPath": "\/x"/"flags": ["SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"]/; s/"SCMP_ACT_NOTIFY"/"SCMP_ACT_ERRNO"/' "$KB/config.json"
	krefuse kconfig-notify-flag "rt: config.json: linux.seccomp.flags: SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV: not in this build (CONFIG_SECCOMP_NOTIFY=n)" \
		run --bundle "$KB" "$id"
}

t_kconfig_userns() {
	K=USERNS; kvar kconfig-userns $K || return 0
	sed -i 's/^\t\t\t\t"type": "mount"$/\t\t\t\t"type": "user"/' "$KB/config.json"
	id=$(newid userns); track "$id"
	krefuse kconfig-userns-refused "rt: config.json: linux.namespaces[4].type: user: not in this build (CONFIG_USERNS=n)" \
		run --bundle "$KB" "$id"
	krefuse kconfig-userns-rootless "rt: spec: --rootless: not in this build (CONFIG_USERNS=n)" \
		spec --rootless --bundle "$TMPD"
	kfeat kconfig-userns-features .linux.mountExtensions.idmap.enabled false
	f=$("$KRT" features | json_flat)
	check_nomatch kconfig-userns-features-idmap '"r?idmap"' "$f"
}

t_kconfig_cgroups() {
	K=CGROUPS; kvar kconfig-cgroups $K || return 0
	kcfg kconfig-cgroups-refused resources linux '{"pids": {"limit": 10}}' linux.resources
	krefuse kconfig-cgroups-exec "rt: exec: --cgroup: not in this build (CONFIG_CGROUPS=n)" \
		exec --cgroup x y sh
	kcfg kconfig-cgroups-path cgroupsPath linux '"/rt-test"' linux.cgroupsPath
	krefuse kconfig-cgroups-manager "rt: --systemd-cgroup: not in this build (CONFIG_CGROUPS=n)" \
		--systemd-cgroup list
	for c in pause update events; do
		krefuse kconfig-cgroups-$c "rt: $c: not in this build (CONFIG_$(echo $c | tr a-z A-Z)=n)" $c x
	done
}

t_kconfig_cgroup_devices() {
	K=CGROUP_DEVICES; kvar kconfig-devices $K || return 0
	check_nomatch kconfig-devices-spec-no-rules '"devices"' "$(cat "$KB/config.json")"
	kcfg kconfig-devices-refused resources linux '{"devices": [{"allow": false, "access": "rwm"}]}' linux.resources.devices
}

t_kconfig_pause() {
	K=PAUSE; kvar kconfig-pause $K || return 0
	krefuse kconfig-pause-refused "rt: pause: not in this build (CONFIG_PAUSE=n)" pause x
	krefuse kconfig-resume-refused "rt: resume: not in this build (CONFIG_PAUSE=n)" resume x
}

t_kconfig_update() {
	K=UPDATE; kvar kconfig-update $K || return 0
	krefuse kconfig-update-refused "rt: update: not in this build (CONFIG_UPDATE=n)" update --memory 1 x
}

t_kconfig_events() {
	K=EVENTS; kvar kconfig-events $K || return 0
	krefuse kconfig-events-refused "rt: events: not in this build (CONFIG_EVENTS=n)" events --stats x
}

t_kconfig_ps() {
	K=PS; kvar kconfig-ps $K || return 0
	krefuse kconfig-ps-refused "rt: ps: not in this build (CONFIG_PS=n)" ps x
}

t_kconfig_log_json() {
	K=LOG_JSON; kvar kconfig-log-json $K || return 0
	krefuse kconfig-log-json-refused "rt: --log-format json: not in this build (CONFIG_LOG_JSON=n)" \
		--log-format json list
}

t_kconfig_features() {
	K=FEATURES; kvar kconfig-features $K || return 0
	krefuse kconfig-features-refused "rt: features: not in this build (CONFIG_FEATURES=n)" features
}

t_kconfig_spec() {
	K=SPEC; kvar kconfig-spec $K || return 0
	krefuse kconfig-spec-refused "rt: spec: not in this build (CONFIG_SPEC=n)" spec --bundle "$TMPD"
	check_eq kconfig-spec-nothing-written "" "$(ls "$TMPD"/config.json 2>/dev/null)"
}

t_kconfig_sysctl() {
	K=SYSCTL; kvar kconfig-sysctl $K || return 0
	kcfg kconfig-sysctl-refused sysctl linux '{"net.ipv4.ip_forward": "1"}' linux.sysctl
}

t_kconfig_timens() {
	K=TIMENS; kvar kconfig-timens $K || return 0
	kcfg kconfig-timens-refused timeOffsets linux '{"monotonic": {"secs": 1}}' linux.timeOffsets
	f=$("$KRT" features | json_flat)
	check_nomatch kconfig-timens-features '"time"' "$f"
}

t_kconfig_scheduler() {
	K=SCHEDULER; kvar kconfig-scheduler $K || return 0
	kcfg kconfig-scheduler-refused scheduler process '{"policy": "SCHED_BATCH"}' process.scheduler
}

t_kconfig_iopriority() {
	K=IOPRIORITY; kvar kconfig-ioprio $K || return 0
	kcfg kconfig-ioprio-refused ioPriority process '{"class": "IOPRIO_CLASS_BE", "priority": 4}' process.ioPriority
}

t_kconfig_personality() {
	K=PERSONALITY; kvar kconfig-personality $K || return 0
	kcfg kconfig-personality-refused personality linux '{"domain": "LINUX32"}' linux.personality
}

t_kconfig_exec_cpu_affinity() {
	K=EXEC_CPU_AFFINITY; kvar kconfig-affinity $K || return 0
	kcfg kconfig-affinity-refused execCPUAffinity process '{"initial": "0"}' process.execCPUAffinity
}

t_kconfig_memory_policy() {
	K=MEMORY_POLICY; kvar kconfig-mpol $K || return 0
	kcfg kconfig-mpol-refused memoryPolicy linux '{"mode": "MPOL_LOCAL"}' linux.memoryPolicy
	kfeat kconfig-mpol-features .linux.memoryPolicy.modes '[]'
}

t_kconfig_lsm() {
	K=LSM; kvar kconfig-lsm $K || return 0
	kcfg kconfig-lsm-refused apparmorProfile process '"unconfined"' process.apparmorProfile
	krefuse kconfig-lsm-exec "rt: exec: --apparmor: not in this build (CONFIG_LSM=n)" \
		exec --apparmor x y sh
	kfeat kconfig-lsm-features .linux.apparmor.enabled false
}

t_kconfig_net_devices() {
	K=NET_DEVICES; kvar kconfig-netdev $K || return 0
	kcfg kconfig-netdev-refused netDevices linux '{"dummy0": {}}' linux.netDevices
	kfeat kconfig-netdev-features .linux.netDevices.enabled false
}

# every switch of Kconfig has its test here
t_kconfig_all_tested() {
	for s in $(awk '/^config /{s=$2} /^\tbool/{print s}' "$TOP/Kconfig"); do
		f=t_kconfig_$(echo "$s" | tr A-Z a-z)
		grep -q "^$f() {" "$TOP/tests/17-kconfig.sh" || echo "$s"
	done > "$TMPD/untested"
	check_eq kconfig-all-tested "" "$(cat "$TMPD/untested")"
}

# tests/lib.sh's need_feature skips on a switch the variant's --version
# names, and not on one it has
t_kconfig_need_feature() {
	(RT=$T_FILE_DIR/PS/rt RESULTS=/dev/null T_CHECKS=/dev/null T_CACHE=$TMPD; need_feature kconfig-need-ps CONFIG_PS) > "$TMPD/out"
	check_eq kconfig-need-feature-off "1 skip kconfig-need-ps: CONFIG_PS=n (rt --version)" \
		"$? $(cat "$TMPD/out")"
	(RT=$T_FILE_DIR/PS/rt RESULTS=/dev/null T_CHECKS=/dev/null T_CACHE=$TMPD; need_feature kconfig-need-exec CONFIG_EXEC) > "$TMPD/out"
	check_eq kconfig-need-feature-on "0 " "$? $(cat "$TMPD/out")"
}

# `make install DESTDIR= PREFIX=`: rt, the init script and the inittab, as
# tests/vm/appliance boots them (the same files, byte for byte)
t_make_install() {
	d=$TMPD/src
	mkdir -p "$d" && cp -R "$TOP/Makefile" "$TOP/Kconfig" "$TOP/runtime.c" "$TOP/examples" "$d/"
	make -s -C "$d" install DESTDIR="$TMPD/dest" PREFIX=/usr > "$TMPD/out" 2>&1
	check_eq make-install "exit 0" "exit $?$(grep -v '^  ' "$TMPD/out")"
	check_eq make-install-files "$(printf '%s\n' etc/init.d/rt usr/bin/rt usr/share/rt/inittab)" \
		"$(cd "$TMPD/dest" && find . -type f | sed 's|^\./||' | sort)"
	check_eq make-install-modes "755 755 644" \
		"$(cd "$TMPD/dest" && stat -c %a etc/init.d/rt usr/bin/rt usr/share/rt/inittab | tr '\n' ' ' | sed 's/ $//')"
	cmp -s "$TOP/examples/init.d/rt" "$TMPD/dest/etc/init.d/rt" &&
		cmp -s "$TOP/examples/inittab" "$TMPD/dest/usr/share/rt/inittab"
	check_eq make-install-same "0" "$?"
	check_match make-install-rt '^rt version ' "$("$TMPD/dest/usr/bin/rt" --version)"
}

# contrib/buildroot: rt.mk's configure step, run by make with Buildroot's
# variables stubbed, turns each unset BR2_PACKAGE_RT_X into CONFIG_X=n of
# rt's Kconfig; every option of Config.in is mapped, to a real symbol
t_contrib_buildroot() {
	br=$TOP/contrib/buildroot
	opts=$(sed -n 's/^config BR2_PACKAGE_RT_\([A-Z_]*\)$/\1/p' "$br/Config.in" | grep -vx TINY | sort)
	mapped=$(sed -n 's/.*$(if $(BR2_PACKAGE_RT_\([A-Z_]*\)),,\([A-Z_]*\)).*/\1 \2/p' "$br/rt.mk")
	check_eq buildroot-mapped "$opts" "$(echo "$mapped" | awk '$1 == $2 { print $1 }' | sort)"
	for s in $opts; do
		grep -q "^config $s\$" "$TOP/Kconfig" || echo "$s"
	done > "$TMPD/unknown"
	check_eq buildroot-symbols-real "" "$(cat "$TMPD/unknown")"
	d=$TMPD/build
	mkdir -p "$d" && cp "$TOP/Makefile" "$TOP/Kconfig" "$TOP/runtime.c" "$d/"
	printf '%s\n' 'generic-package =' "include $br/rt.mk" \
		'$(D)/.stamp_configured: ; $(RT_CONFIGURE_CMDS)' > "$TMPD/stub.mk"
	# every option but EXEC and SECCOMP set, as a user's .config would be
	set -- $(for s in $opts; do case $s in EXEC|SECCOMP) ;; *) echo "BR2_PACKAGE_RT_$s=y" ;; esac; done)
	make -s -f "$TMPD/stub.mk" D="$d" "$@" "$d/.stamp_configured" > "$TMPD/out" 2>&1
	check_eq buildroot-configure "exit 0" "exit $?$(grep -v '^  ' "$TMPD/out")"
	check_eq buildroot-configure-off "# CONFIG_EXEC is not set # CONFIG_SECCOMP is not set " \
		"$(grep -x '# CONFIG_EXEC is not set\|# CONFIG_SECCOMP is not set' "$d/.config" | tr '\n' ' ')"
	check_eq buildroot-configure-on "CONFIG_HOOKS=y" "$(grep -x 'CONFIG_HOOKS=y' "$d/.config")"
}
