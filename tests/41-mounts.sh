# 41-mounts: runtime-spec 1.3's mount options beyond mount(2)'s flags: the
# recursive forms (rro, rnosuid, ... applied with mount_setattr to every
# mount below), nosymfollow, tmpcopyup, and what a bind mount cannot take
# (filesystem data, a superblock flag) refused by name, never dropped.

setup() {
	mkbundle "$TMPD/b"
}

after() { nothing_left "$1-nothing-left" "$ID"; }

# mkdata_sub: $TMPD/data/file and a tmpfs at $TMPD/data/sub with subfile,
# a host tree with a mount below it (cleanup unmounts it)
mkdata_sub() {
	mkdir -p "$TMPD/data/sub"
	echo hello > "$TMPD/data/file"
	mount -t tmpfs tmpfs "$TMPD/data/sub"
	echo subfile > "$TMPD/data/sub/subfile"
	T_EXTRA_CLEANUP="umount -l $TMPD/data/sub 2>/dev/null; $T_EXTRA_CLEANUP"
	snap_mounts
}
bindm() { echo ", { \"destination\": \"/mnt/data\", \"type\": \"bind\", \"source\": \"$TMPD/data\", \"options\": [ $1 ] }"; }

# mopts MOUNTPOINT: the per-mount options of that mount point in the
# mountinfo saved in $OUT
mopts() { echo "$OUT" | awk -v m="$1" '$5 == m { r = $6 } END { print r }'; }

# writes: try to create a file in /mnt/data and /mnt/data/sub
WRITES='for d in /mnt/data /mnt/data/sub; do if echo x 2>/dev/null > $d/new; then echo "$d rw"; else echo "$d ro"; fi; done; cat /proc/self/mountinfo'

t_mount_rro() {
	mkdata_sub
	C_MOUNTS_EXTRA=$(bindm '"rbind", "rro"') sh_ct rro "$WRITES"
	check_eq rro-writes "/mnt/data ro /mnt/data/sub ro" "$(echo "$OUT" | grep '^/mnt' | tr '\n' ' ' | sed 's/ $//')"
	check_match rro-sub-mountinfo '^ro,' "$(mopts /mnt/data/sub)"
	[ -e "$TMPD/data/sub/new" ] && fail rro-host "no new file" "created" || ok rro-host
	after rro
	# ro alone leaves what is below writable: rro is what makes it whole
	C_MOUNTS_EXTRA=$(bindm '"rbind", "ro"') sh_ct ro-only "$WRITES"
	check_eq ro-only-sub-writable "/mnt/data ro /mnt/data/sub rw" "$(echo "$OUT" | grep '^/mnt' | tr '\n' ' ' | sed 's/ $//')"
	after ro-only
}

t_mount_rrw() {
	mkdata_sub
	mount -o remount,ro "$TMPD/data/sub"
	snap_mounts
	T_EXTRA_CLEANUP="mount -o remount,rw $TMPD/data/sub 2>/dev/null; $T_EXTRA_CLEANUP"
	# rrw clears read-only per mount; the host's tmpfs superblock stays ro
	C_MOUNTS_EXTRA=$(bindm '"rbind", "rrw"') sh_ct rrw 'cat /proc/self/mountinfo'
	check_match rrw-sub-mountinfo '^rw,' "$(mopts /mnt/data/sub)"
	after rrw
}

t_mount_rec_flags() {
	mkdata_sub
	C_MOUNTS_EXTRA=$(bindm '"rbind", "rnosuid", "rnodev", "rnoexec", "rnoatime", "rnodiratime", "rnosymfollow"') \
		sh_ct recflags 'cat /proc/self/mountinfo'
	for m in /mnt/data /mnt/data/sub; do
		o=$(mopts $m)
		for w in nosuid nodev noexec noatime nodiratime nosymfollow; do
			case ",$o," in *",$w,"*) ;; *) fail "rec-flags$m" "$w in the options" "$o"; continue 2 ;; esac
		done
		ok "rec-flags$m"
	done
	after recflags
	# rstrictatime clears noatime again (MOUNT_ATTR__ATIME), rexec noexec
	mount -o remount,noatime,noexec "$TMPD/data/sub"
	snap_mounts
	C_MOUNTS_EXTRA=$(bindm '"rbind", "rstrictatime", "rexec"') sh_ct recclear 'cat /proc/self/mountinfo'
	check_nomatch rec-clear-atime-exec 'noatime|noexec|relatime' "$(mopts /mnt/data/sub | tr , '\n')"
	after recclear
	# ratime alone (a cleared mode): relatime, not an EINVAL from the
	# kernel for a partial MOUNT_ATTR__ATIME (runc 1.1.5 gets that EINVAL,
	# runc 1.2 does as rt); rnoatime then rrelatime: the last mode wins,
	# as in mount(8) (runc ORs the words: noatime stays)
	need_rt_only rec-ratime || return
	C_MOUNTS_EXTRA=$(bindm '"rbind", "ratime"') sh_ct ratime 'cat /proc/self/mountinfo'
	check_eq rec-ratime "rw,noexec,relatime" "$(mopts /mnt/data/sub)"
	after ratime
	C_MOUNTS_EXTRA=$(bindm '"rbind", "rnoatime", "rrelatime"') sh_ct lastatime 'cat /proc/self/mountinfo'
	check_eq rec-atime-last "rw,noexec,relatime" "$(mopts /mnt/data/sub)"
	after lastatime
}

# runc 1.1 applies the recursive words to binds only (a tmpfs stays rw)
t_mount_rro_tmpfs() {
	need_rt_only rro-tmpfs || return
	C_MOUNTS_EXTRA=', { "destination": "/mnt/t", "type": "tmpfs", "source": "tmpfs", "options": [ "rro", "size=64k" ] }' \
		sh_ct rrotmpfs 'exec 2>&1; echo x > /mnt/t/f; cat /proc/self/mountinfo'
	check_match rro-tmpfs '^ro,' "$(mopts /mnt/t)"
	check_has rro-tmpfs-write 'Read-only file system' "$OUT"
	after rrotmpfs
}

t_mount_nosymfollow() {
	mkdir "$TMPD/data"
	echo target > "$TMPD/data/file"
	ln -s file "$TMPD/data/link"
	C_MOUNTS_EXTRA=$(bindm '"bind", "nosymfollow"') sh_ct nosym 'cat /mnt/data/file; cat /mnt/data/link 2>&1; readlink /mnt/data/link'
	check_eq nosymfollow "target
cat: can't open '/mnt/data/link': Too many levels of symbolic links
file" "$OUT"
	after nosym
}

t_mount_tmpcopyup() {
	# the image's /etc, with a subdirectory, a symlink and a file of
	# another owner and mode, appears in the tmpfs over it
	r=$B/rootfs/etc
	mkdir "$r/sub"
	echo deep > "$r/sub/deep"
	ln -s sub/deep "$r/deeplink"
	echo secret > "$r/owned"
	chown 1000:1001 "$r/owned"
	chmod 0640 "$r/owned"
	touch -d '2001-02-03 04:05:06' "$r/owned"
	C_MOUNTS_EXTRA=', { "destination": "/etc", "type": "tmpfs", "source": "tmpfs", "options": [ "tmpcopyup", "mode=755" ] }' \
		sh_ct copyup 'cat /etc/sub/deep /etc/deeplink; stat -c "%n %u:%g %a" /etc/owned; stat -c %Y /etc/owned >&2; grep -c root /etc/passwd; echo new > /etc/new && cat /etc/new; awk "\$5 == \"/etc\" { for (i = 7; \$i != \"-\"; i++) ; print \$(i + 1) }" /proc/self/mountinfo'
	check_eq tmpcopyup "deep
deep
/etc/owned 1000:1001 640
1
new
tmpfs" "$OUT"
	[ -e "$r/new" ] && fail tmpcopyup-host "no $r/new" "created" || ok tmpcopyup-host
	# rt keeps the times too (runc 1.1 does not)
	need_rt_only tmpcopyup-mtime && check_eq tmpcopyup-mtime 981173106 "$ERR"
	after copyup
	# without it, the tmpfs hides the image's /etc
	C_MOUNTS_EXTRA=', { "destination": "/etc", "type": "tmpfs", "source": "tmpfs" }' \
		sh_ct nocopyup 'ls -A /etc'
	check_eq tmpfs-without-copyup "" "$OUT"
	after nocopyup
}

# device nodes and fifos are copied too (runc 1.1 fails on a fifo:
# "lchown .../fifo: no such file or directory")
t_mount_tmpcopyup_nodes() {
	need_rt_only tmpcopyup-nodes || return
	mkfifo "$B/rootfs/etc/fifo"
	mknod -m 600 "$B/rootfs/etc/null" c 1 3
	C_MOUNTS_EXTRA=', { "destination": "/etc", "type": "tmpfs", "source": "tmpfs", "options": [ "tmpcopyup" ] }' \
		sh_ct copyupnodes 'stat -c "%n %F %a %t:%T" /etc/fifo /etc/null'
	check_eq tmpcopyup-nodes "/etc/fifo fifo 644 0:0
/etc/null character special file 600 1:3" "$OUT"
	after copyupnodes
}

# a tree deeper than 64 levels: refused with the bound, nothing left
t_mount_tmpcopyup_deep() {
	need_rt_only tmpcopyup-deep || return
	d=$B/rootfs/etc
	i=0
	while [ $i -lt 66 ]; do d=$d/d; i=$((i + 1)); done
	mkdir -p "$d"
	C_MOUNTS_EXTRA=', { "destination": "/etc", "type": "tmpfs", "source": "tmpfs", "options": [ "tmpcopyup" ] }' \
		sh_ct copyupdeep 'echo ran'
	check_eq tmpcopyup-deep "exit 1: : rt: tmpcopyup /etc: more than 64 levels of directories" "exit $RC: $OUT: $ERR"
	after tmpcopyup-deep
}

# a read-only tmpfs with tmpcopyup: filled first, read-only after
t_mount_tmpcopyup_ro() {
	C_MOUNTS_EXTRA=', { "destination": "/etc", "type": "tmpfs", "source": "tmpfs", "options": [ "tmpcopyup", "ro" ] }' \
		sh_ct copyupro 'exec 2>&1; grep -c root /etc/passwd; echo x > /etc/new'
	check_eq tmpcopyup-ro "1
sh: can't create /etc/new: Read-only file system" "$OUT"
	after copyupro
}

t_mount_err_bind_data() {
	mkdir "$TMPD/data"
	C_MOUNTS_EXTRA=$(bindm '"rbind", "size=64k"') mkconfig "$B"
	cfg_err err-bind-data 'rt: config.json: mounts[7].options: "size=64k": not a mount option rt knows, and a bind mount takes no filesystem data'
	C_MOUNTS_EXTRA=$(bindm '"z", "bind"') mkconfig "$B"
	cfg_err err-bind-unknown 'rt: config.json: mounts[7].options: "z": not a mount option rt knows, and a bind mount takes no filesystem data'
}

t_mount_err_bind_sb() {
	mkdir "$TMPD/data"
	for o in sync dirsync mand lazytime iversion silent; do
		C_MOUNTS_EXTRA=$(bindm "\"bind\", \"$o\"") mkconfig "$B"
		cfg_err "err-bind-sb-$o" "rt: config.json: mounts[7].options: \"$o\": a filesystem's option, which a bind mount cannot change"
	done
}

t_mount_err_copyup_bind() {
	mkdir "$TMPD/data"
	C_MOUNTS_EXTRA=$(bindm '"bind", "tmpcopyup"') mkconfig "$B"
	cfg_err err-copyup-bind 'rt: config.json: mounts[7].options: tmpcopyup is for a tmpfs mount, not "bind"'
}

t_mount_err_propagation() {
	C_MOUNTS_EXTRA=', { "destination": "/mnt/t", "type": "tmpfs", "source": "tmpfs", "options": [ "private", "shared", "slave", "private", "unbindable" ] }' mkconfig "$B"
	cfg_err err-propagation-5 'rt: config.json: mounts[7].options[4]: more than 4 propagation options'
}

# `features` lists the words rt applies, the new ones among them
t_mount_features() {
	need_feature mount-features CONFIG_FEATURES || return 0
	need_rt_only mount-features || return
	f=$("$RT" features | json_flat | sed -n 's/^\.mountOptions\[[0-9]*\] "\(.*\)"$/\1/p' | tr '\n' ' ')
	for w in rro rrw rnosuid rnosymfollow rstrictatime nosymfollow iversion silent loud lazytime tmpcopyup idmap ridmap; do
		case " $f" in *" $w "*) ;; *) fail mount-features "$w listed" "$f"; return ;; esac
	done
	ok mount-features
}

# linux.mountLabel: context="..." on the filesystem mounts where SELinux
# is enabled; on a host without it, ignored with a debug line (as crun;
# runc adds the context anyway and the tmpfs mount fails)
t_mount_label() {
	need_feature mount-label CONFIG_LSM || return 0
	need_rt_only mount-label || return
	if [ -e /sys/fs/selinux/enforce ]; then
		skip mount-label "this host runs SELinux: the label applies (not tested here)"
		return
	fi
	ID=$(newid mlabel); track "$ID"
	C_ARGS='"sh", "-c", "echo ran"' \
	C_LINUX_EXTRA=', "mountLabel": "system_u:object_r:container_file_t:s0:c1,c2"' mkconfig "$B"
	timeout "$T_TIMEOUT" "$RT" --debug run --bundle "$B" "$ID" > "$TMPD/out" 2> "$TMPD/err" < /dev/null
	check_eq mount-label "exit 0: ran" "exit $?: $(cat "$TMPD/out")"
	check_has mount-label-debug "rt: debug: config.json: linux.mountLabel: ignored: SELinux is not enabled on this host" "$(cat "$TMPD/err")"
	after mount-label
}

# ---- idmapped mounts (runc 1.2; rt only against runc 1.1.5) -----------------

# idmap_ok DIR: DIR's filesystem takes idmapped mounts on this kernel
# (ext4 and xfs from Linux 5.12, tmpfs from 6.3)
idmap_ok() {
	t=$(stat -f -c %T "$1" 2>/dev/null)
	v=$(uname -r | awk -F. '{ print $1 * 100 + $2 }')
	case $t in
	ext2/ext3|xfs|btrfs) [ "$v" -ge 512 ] && return 0 ;;
	tmpfs) [ "$v" -ge 603 ] && return 0 ;;
	esac
	return 1
}
# idmap_fs NAME: IDM, a directory for the sources on a filesystem that
# takes idmapped mounts: $TMPD, or one beside the suite ($TOP: the guests'
# disk root has its /tmp on a tmpfs, which 6.1 cannot idmap); skip NAME if
# neither
idmap_fs() {
	IDM=$TMPD
	idmap_ok "$IDM" && return 0
	IDM=$TOP/.rt-idm.$$
	if idmap_ok "$TOP" && mkdir -p "$IDM"; then
		chmod 755 "$IDM"
		T_EXTRA_CLEANUP="$T_EXTRA_CLEANUP; rm -rf '$IDM'"
		return 0
	fi
	skip "$1" "$TMPD and $TOP are on $(stat -f -c %T "$TMPD" 2>/dev/null) and $(stat -f -c %T "$TOP" 2>/dev/null), which Linux $(uname -r) cannot idmap"
	return 1
}

# mkidmdata: $IDM/data with files of uid 0 and 1000 (gid too)
mkidmdata() {
	mkdir -p "$IDM/data"
	: > "$IDM/data/root"
	: > "$IDM/data/user"
	chown 1000:1000 "$IDM/data/user"
}
USERNS_MAPS='"uidMappings": [ { "containerID": 0, "hostID": 100000, "size": 65536 } ], "gidMappings": [ { "containerID": 0, "hostID": 100000, "size": 65536 } ]'
LS='ls -n /mnt/data | awk "NR > 1 { print \$3 \":\" \$4, \$9 }" | tr "\\n" " "'

# the mount's own mappings, in a container without a user namespace: the
# files' owners seen through the mapping (0 -> 100000, 1000 -> 101000)
t_mount_idmap_own() {
	need_feature mount-idmap-own CONFIG_USERNS || return 0
	need_rt_only idmap-own || return
	idmap_fs idmap-own || return
	mkidmdata
	C_MOUNTS_EXTRA=", { \"destination\": \"/mnt/data\", \"type\": \"bind\", \"source\": \"$IDM/data\", \"options\": [ \"rbind\", \"idmap\" ], \"uidMappings\": [ { \"containerID\": 0, \"hostID\": 100000, \"size\": 65536 } ], \"gidMappings\": [ { \"containerID\": 0, \"hostID\": 200000, \"size\": 65536 } ] }" \
		sh_ct idmown "$LS"
	check_eq idmap-own "exit 0: 100000:200000 root 101000:201000 user : " "exit $RC: $OUT: $ERR"
	after idmap-own
}

# no mappings: the container's user namespace's, so its root sees the
# files as the host has them, and what it writes is the host's uid 0;
# without idmap the same files are nobody's
t_mount_idmap_userns() {
	need_feature mount-idmap-userns CONFIG_USERNS || return 0
	need_rt_only idmap-userns || return
	idmap_fs idmap-userns || return
	mkidmdata
	chmod 777 "$IDM/data"
	chmod 755 "$TMPD" "$B"		# the userns root (host 100000) walks there
	mkdir -p "$B/rootfs/mnt/data"	# and cannot make what the host owns
	C_NAMESPACES='{ "type": "pid" }, { "type": "network" }, { "type": "ipc" }, { "type": "uts" }, { "type": "mount" }, { "type": "user" }' \
	C_LINUX_EXTRA=", $USERNS_MAPS" \
	C_MOUNTS_EXTRA=", { \"destination\": \"/mnt/data\", \"type\": \"bind\", \"source\": \"$IDM/data\", \"options\": [ \"rbind\", \"idmap\" ] }" \
		sh_ct idmuserns "touch /mnt/data/new; $LS"
	check_eq idmap-userns "exit 0: 0:0 new 0:0 root 1000:1000 user : " "exit $RC: $OUT: $ERR"
	check_eq idmap-userns-host-owner "0:0" "$(stat -c %u:%g "$IDM/data/new" 2>&1)"
	after idmap-userns
	rm -f "$IDM/data/new"
	C_NAMESPACES='{ "type": "pid" }, { "type": "network" }, { "type": "ipc" }, { "type": "uts" }, { "type": "mount" }, { "type": "user" }' \
	C_LINUX_EXTRA=", $USERNS_MAPS" \
	C_MOUNTS_EXTRA=", { \"destination\": \"/mnt/data\", \"type\": \"bind\", \"source\": \"$IDM/data\", \"options\": [ \"rbind\" ] }" \
		sh_ct noidm "$LS"
	check_eq idmap-userns-without "exit 0: 65534:65534 root 65534:65534 user : " "exit $RC: $OUT: $ERR"
	after idmap-userns-without
}

# ridmap maps the mounts below too; idmap only the top one
t_mount_ridmap() {
	need_feature mount-ridmap CONFIG_USERNS || return 0
	need_rt_only ridmap || return
	idmap_fs ridmap || return
	mkidmdata
	mkdir -p "$IDM/data/sub" "$IDM/subsrc"
	: > "$IDM/subsrc/f"
	mount --bind "$IDM/subsrc" "$IDM/data/sub"
	T_EXTRA_CLEANUP="umount -l $IDM/data/sub 2>/dev/null; $T_EXTRA_CLEANUP"
	snap_mounts
	for o in idmap:0 ridmap:100000; do
		C_MOUNTS_EXTRA=", { \"destination\": \"/mnt/data\", \"type\": \"bind\", \"source\": \"$IDM/data\", \"options\": [ \"rbind\", \"${o%:*}\" ], \"uidMappings\": [ { \"containerID\": 0, \"hostID\": 100000, \"size\": 65536 } ], \"gidMappings\": [ { \"containerID\": 0, \"hostID\": 100000, \"size\": 65536 } ] }" \
			sh_ct "${o%:*}sub" 'stat -c %u /mnt/data/root /mnt/data/sub/f | tr "\n" " "'
		check_eq "${o%:*}-submount" "exit 0: 100000 ${o#*:} : " "exit $RC: $OUT: $ERR"
		after "${o%:*}-submount"
	done
}

t_mount_idmap_err() {
	need_feature mount-idmap-err CONFIG_USERNS || return 0
	need_rt_only idmap-err || return
	mkdir -p "$TMPD/data"
	C_MOUNTS_EXTRA=", { \"destination\": \"/mnt/data\", \"type\": \"bind\", \"source\": \"$TMPD/data\", \"options\": [ \"rbind\", \"idmap\" ] }" mkconfig "$B"
	cfg_err idmap-err-no-userns 'rt: config.json: mounts[7]: idmap without uidMappings and gidMappings needs a user namespace'
	C_MOUNTS_EXTRA=", { \"destination\": \"/mnt/data\", \"type\": \"bind\", \"source\": \"$TMPD/data\", \"options\": [ \"rbind\", \"idmap\" ], \"uidMappings\": [ { \"containerID\": 0, \"hostID\": 100000, \"size\": 65536 } ] }" mkconfig "$B"
	cfg_err idmap-err-uid-only 'rt: config.json: mounts[7].uidMappings: needs gidMappings too'
	C_MOUNTS_EXTRA=', { "destination": "/mnt/t", "type": "tmpfs", "source": "tmpfs", "options": [ "idmap" ] }' mkconfig "$B"
	cfg_err idmap-err-tmpfs 'rt: config.json: mounts[7].options: an idmapped mount is a bind mount, not "tmpfs"'
}
