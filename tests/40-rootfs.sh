# 40-rootfs: the default mounts, bind mounts and propagation, read-only root,
# symlinks in mount destinations, /dev, masked and read-only paths,
# pivot_root and --no-pivot, the chroot escape.

setup() {
	mkbundle "$TMPD/b"
}

after() { nothing_left "$1-nothing-left" "$ID"; }

# mi MOUNTPOINT: "mount-options fstype super-options" of the top mount there,
# from the mountinfo saved in $OUT
mi() {
	echo "$OUT" | awk -v m="$1" '$5 == m {
		for (i = 7; $i != "-"; i++) ;
		r = $6 " " $(i + 1) " " $(i + 3)
	} END { print r }'
}

# has_opts NAME "OPTS" WANT...: every WANT is in the comma list OPTS
has_opts() {
	n=$1 o=",$2,"; shift 2
	for w; do
		case $o in *",$w,"*) ;; *) fail "$n" "option $w" "$o"; return ;; esac
	done
	ok "$n"
}

# ---- default mounts ----------------------------------------------------------

t_rootfs_mount_proc() {
	sh_ct mounts 'cat /proc/self/mountinfo; echo PTS; ls -A /dev/pts'
	check_eq mount-proc proc "$(mi /proc | cut -d' ' -f2)"
	m=$(mi /dev)
	check_eq mount-dev-type tmpfs "$(echo "$m" | cut -d' ' -f2)"
	has_opts mount-dev-nosuid "$(echo "$m" | cut -d' ' -f1)" nosuid
	has_opts mount-dev-mode-size "$(echo "$m" | cut -d' ' -f3)" mode=755 size=65536k
	m=$(mi /dev/pts)
	check_eq mount-devpts-type devpts "$(echo "$m" | cut -d' ' -f2)"
	has_opts mount-devpts-opts "$(echo "$m" | cut -d' ' -f3)" ptmxmode=666 mode=620 gid=5
	p=$(echo "$OUT" | sed '1,/^PTS$/d')
	case $p in ""|ptmx) ok mount-devpts-newinstance ;;
	*) fail mount-devpts-newinstance "empty or ptmx" "$p" ;; esac
	m=$(mi /dev/shm)
	check_eq mount-shm-type tmpfs "$(echo "$m" | cut -d' ' -f2)"
	has_opts mount-shm-opts "$(echo "$m" | cut -d' ' -f1)" nosuid nodev noexec
	check_eq mount-mqueue mqueue "$(mi /dev/mqueue | cut -d' ' -f2)"
	m=$(mi /sys)
	check_eq mount-sys-type sysfs "$(echo "$m" | cut -d' ' -f2)"
	has_opts mount-sys-ro "$(echo "$m" | cut -d' ' -f1)" ro
	# cgroup v2: one cgroup2 mount; v1 (runc): a tmpfs with cgroup submounts.
	# Every cgroup filesystem at or below /sys/fs/cgroup must be read-only.
	cg=$(echo "$OUT" | awk '($5 == "/sys/fs/cgroup" || index($5, "/sys/fs/cgroup/") == 1) {
		for (i = 7; $i != "-"; i++) ;
		if ($(i + 1) ~ /^cgroup/) print $5, $6 }')
	if [ -z "$cg" ]; then
		fail mount-cgroup-ro "cgroup mounts under /sys/fs/cgroup" "none"
	else
		rw=$(echo "$cg" | awk '("," $2 ",") !~ /,ro,/')
		check_eq mount-cgroup-ro "" "$rw"
	fi
	after mounts
}

# ---- bind mounts -------------------------------------------------------------

# mkdata: $TMPD/data/file, the source of bindm's mount
mkdata() {
	mkdir "$TMPD/data"
	echo hello > "$TMPD/data/file"
}
bindm() { echo ", { \"destination\": \"/mnt/data\", \"type\": \"bind\", \"source\": \"$TMPD/data\", \"options\": [ $1 ] }"; }

t_rootfs_bind_visible() {
	mkdata
	C_MOUNTS_EXTRA=$(bindm '"bind"') sh_ct bind 'cat /mnt/data/file'
	check_eq bind-visible hello "$OUT"
	after bind
}

t_rootfs_bind_ro() {
	mkdata
	C_MOUNTS_EXTRA=$(bindm '"bind", "ro"') sh_ct bindro 'exec 2>&1; cat /mnt/data/file; echo x > /mnt/data/new'
	check_eq bind-ro "hello sh: can't create /mnt/data/new: Read-only file system" "$(echo $OUT)"
	[ -e "$TMPD/data/new" ] && fail bind-ro-host "no $TMPD/data/new" "created" || ok bind-ro-host
	after bindro
}

t_rootfs_rbind_submount() {
	mkdata
	mkdir "$TMPD/data/sub"
	mount -t tmpfs tmpfs "$TMPD/data/sub"
	echo subfile > "$TMPD/data/sub/subfile"
	snap_mounts
	C_MOUNTS_EXTRA=$(bindm '"rbind"') sh_ct rbind 'cat /mnt/data/sub/subfile'
	check_eq rbind-submount subfile "$OUT"
	after rbind
	C_MOUNTS_EXTRA=$(bindm '"bind"') sh_ct bindnosub 'ls -A /mnt/data/sub'
	check_eq bind-no-submount "" "$OUT"
	after bindnosub
	umount "$TMPD/data/sub"
	rmdir "$TMPD/data/sub"
}

# propagation: make the host side a shared mount so that the container's
# copy shows master: (rslave) or shared: (rshared) in its optional fields
t_rootfs_prop_root_private() {
	mkdata
	mount --bind "$TMPD/data" "$TMPD/data"
	mount --make-shared "$TMPD/data"
	snap_mounts
	# optf MOUNTPOINT: the optional fields of that mount, from $OUT
	optf() {
		echo "$OUT" | awk -v m="$1" '$5 == m { r = ""
			for (i = 7; $i != "-"; i++) r = r " " $i
			o = r } END { print o }'
	}
	C_LINUX_EXTRA=', "rootfsPropagation": "private"' \
	C_MOUNTS_EXTRA=$(bindm '"rbind", "rslave"') sh_ct propslave 'cat /proc/self/mountinfo'
	check_nomatch prop-root-private 'shared:|master:' "$(optf /)"
	check_match prop-rslave 'master:[0-9]+' "$(optf /mnt/data)"
	check_nomatch prop-rslave-not-shared 'shared:' "$(optf /mnt/data)"
	after propslave
	C_LINUX_EXTRA=', "rootfsPropagation": "private"' \
	C_MOUNTS_EXTRA=$(bindm '"rbind", "rshared"') sh_ct propshared 'cat /proc/self/mountinfo'
	check_match prop-rshared 'shared:[0-9]+' "$(optf /mnt/data)"
	after propshared
	C_MOUNTS_EXTRA=$(bindm '"rbind", "rprivate"') sh_ct propprivate 'cat /proc/self/mountinfo'
	check_nomatch prop-rprivate 'shared:|master:' "$(optf /mnt/data)"
	after propprivate
	# rootfsPropagation shared: the container runs (pivot_root needs the mount
	# holding the rootfs private first, as runc does), and its "/" is shared as
	# the spec asks (runc 1.1 leaves it private)
	for rp in shared rshared; do
		C_LINUX_EXTRA=", \"rootfsPropagation\": \"$rp\"" sh_ct "rootprop-$rp" \
			'cat /proc/self/mountinfo'
		check_eq "rootprop-$rp-exit" "exit 0" "exit $RC"
		if need_rt_only "rootprop-$rp"; then
			check_match "rootprop-$rp" 'shared:[0-9]+' "$(optf /)"
		fi
		after "rootprop-$rp"
	done
	unset C_LINUX_EXTRA C_MOUNTS_EXTRA
	umount "$TMPD/data"
	snap_mounts
}

# ---- read-only root ----------------------------------------------------------

t_rootfs_root_readonly() {
	sh_ct rootro 'exec 2>&1; touch /x'
	check_eq root-readonly "touch: /x: Read-only file system" "$OUT"
	C_ROOT_RO=false sh_ct rootrw 'touch /x && echo made'
	check_eq root-writable made "$OUT"
	[ -e "$B/rootfs/x" ] && ok root-writable-host || fail root-writable-host "$B/rootfs/x" "missing"
	rm -f "$B/rootfs/x"
	after rootrw
}

# ---- mount destination through a symlink -------------------------------------

t_rootfs_symlink_host_untouched() {
	mkdir "$TMPD/hostdir"
	ln -s "$TMPD/hostdir" "$B/rootfs/evil"
	C_MOUNTS_EXTRA=', { "destination": "/evil/sub", "type": "tmpfs", "source": "tmpfs" }' \
		sh_ct symlink 'cat /proc/self/mountinfo'
	unset C_MOUNTS_EXTRA
	if [ -e "$TMPD/hostdir/sub" ]; then
		fail symlink-host-untouched "no $TMPD/hostdir/sub" "$(ls -la "$TMPD/hostdir")"
	else
		ok symlink-host-untouched
	fi
	if [ "$RC" = 0 ]; then
		check_eq symlink-resolved-in-rootfs tmpfs "$(mi "$TMPD/hostdir/sub" | cut -d' ' -f2)"
	else
		ok symlink-resolved-in-rootfs	# refusing is fine too
	fi
	after symlink
	rm -f "$B/rootfs/evil"
	rm -rf "$B/rootfs/tmp/"*
}

# ---- /dev --------------------------------------------------------------------

# lsdev: "name c maj,min perms" for char devices, "name -> target" for links
# /dev in the container: `NAME c MAJ,MIN MODE` or `NAME -> TARGET` a line
lsdev='ls -l /dev | awk '\''/^c/ { print $NF, "c", $5 $6, $1 } /^l/ { print $(NF - 2), "->", $NF }'\'''

t_rootfs_dev() {
	sh_ct dev "$lsdev"
	for d in "null c 1,3" "zero c 1,5" "full c 1,7" "random c 1,8" \
	    "urandom c 1,9" "tty c 5,0"; do
		n=${d%% *}
		check_eq "dev-$n" "$d crw-rw-rw-" "$(echo "$OUT" | grep "^$n c ")"
	done
	for l in "ptmx -> pts/ptmx" "fd -> /proc/self/fd" "stdin -> /proc/self/fd/0" \
	    "stdout -> /proc/self/fd/1" "stderr -> /proc/self/fd/2"; do
		n=${l%% *}
		check_eq "dev-$n" "$l" "$(echo "$OUT" | grep "^$n -> ")"
	done
	after dev
}

t_rootfs_dev_null_write() {
	sh_ct devio 'echo hi > /dev/null && echo null-ok; head -c 4 /dev/zero | od -b | head -n 1'
	check_eq dev-null-write null-ok "$(echo "$OUT" | sed -n 1p)"
	check_eq dev-zero-read "0000000 000 000 000 000" "$(echo "$OUT" | sed -n 2p | sed 's/ *$//')"
}

t_rootfs_dev_linux_devices() {
	C_LINUX_EXTRA=', "devices": [ { "path": "/dev/mydev", "type": "c", "major": 1, "minor": 3, "fileMode": 438, "uid": 0, "gid": 0 } ]' \
		sh_ct mydev "$lsdev"
	unset C_LINUX_EXTRA
	check_eq dev-linux-devices "mydev c 1,3 crw-rw-rw-" "$(echo "$OUT" | grep '^mydev ')"
	after mydev
}

# ---- masked and read-only paths ----------------------------------------------

t_rootfs_masked() {
	sh_ct masked 'for f in /proc/kcore /proc/keys /proc/timer_list; do
	if [ -e $f ]; then echo $f $(wc -c < $f); else echo $f absent; fi; done;
	[ -d /sys/firmware ] && echo firmware-dir; ls -A /sys/firmware'
	for f in /proc/kcore /proc/keys /proc/timer_list; do
		if [ -e "$f" ]; then want="$f 0"; else want="$f absent"; fi
		check_eq "masked-$f" "$want" "$(echo "$OUT" | grep "^$f ")"
	done
	check_eq masked-sys-firmware firmware-dir "$(echo "$OUT" | sed 1,3d)"
}

t_rootfs_readonly_proc_sys() {
	sh_ct readonly 'exec 2>&1; echo 1 > /proc/sys/kernel/ns_last_pid'
	check_eq readonly-proc-sys "sh: can't create /proc/sys/kernel/ns_last_pid: Read-only file system" "$OUT"
	after readonly
}

# ---- pivot_root, --no-pivot, chroot escape -----------------------------------

t_rootfs_pivot_root_view() {
	hm=/rt-host-marker-$$
	T_EXTRA_CLEANUP="rm -f $hm"
	: > "$hm"
	view='ls -A / | grep -e rootfs-marker -e rt-host-marker; echo root=$(readlink /proc/1/root); ls /proc/1/root/rootfs-marker'
	sh_ct pivot "$view"
	check_eq pivot-root-view "rootfs-marker root=/ /proc/1/root/rootfs-marker" "$(echo $OUT)"
	after pivot
	sh_ct nopivot "$view" --no-pivot
	check_eq no-pivot-view "rootfs-marker root=/ /proc/1/root/rootfs-marker" "$(echo $OUT)"
	after nopivot
}

t_rootfs_escape() {
	if [ -x "$B/rootfs/bin/escape" ]; then
		x='"CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT"'
		C_CAPS="\"bounding\": [ $x ], \"effective\": [ $x ], \"permitted\": [ $x ], \"inheritable\": [ $x ], \"ambient\": [ $x ]"
		C_ROOT_RO=false
		export C_CAPS C_ROOT_RO
		for mode in pivot no-pivot; do
			o=
			[ $mode = no-pivot ] && o=--no-pivot
			sh_ct "escape$mode" '/bin/escape' $o
			check_has "escape-$mode-sees-rootfs" rootfs-marker "$OUT"
			check_nomatch "escape-$mode-no-host-root" "^${hm#/}\$" "$OUT"
			check_nomatch "escape-$mode-chroot-allowed" '^escape: chroot failed' "$OUT"
			after "escape-$mode"
		done
		unset C_CAPS C_ROOT_RO
	else
		skip escape "tests/escape not built (make check builds it)"
	fi
	rm -f "$hm"
	T_EXTRA_CLEANUP=
}
