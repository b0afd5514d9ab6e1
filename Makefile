# rt: one static binary from runtime.c.  GNU make, one file, no recursion.
# `make V=1` prints every command; CROSS_COMPILE prefixes every tool;
# CC= on the command line wins; JSMN_H= points at another jsmn.h.

PREFIX  = /usr/local
VERSION = 0.1.0
JSMN_H  = /usr/include/jsmn.h
# CROSS_COMPILE=aarch64-linux-gnu- alone builds with that target's musl:
# Debian's musl-dev:<arch> installs <arch>-linux-musl*-gcc wrappers, whose
# names are the glibc triplet's with "musl" for "gnu"; a musl triplet is
# taken as it is.  The glibc gcc of CROSS_COMPILE gives the kernel headers.
ifeq ($(origin CC),default)          # make's built-in CC=cc does not count
CC      = $(if $(CROSS_COMPILE),$(subst -gnu,-musl,$(CROSS_COMPILE))gcc,musl-gcc)
endif
SIZE    = $(CROSS_COMPILE)size
READELF = $(CROSS_COMPILE)readelf
NM      = $(CROSS_COMPILE)nm
# -fno-pie: a static binary gains nothing from position independence, and
# with it gcc keeps the tables of pointers (the spec parser's rows) in
# writable .data.rel.ro instead of .rodata (4 KiB more on x86_64); no
# unwind tables: C without exceptions never unwinds, and a stripped binary
# is not debugged (.eh_frame was 10 KB of the x86_64 binary)
CFLAGS  = -std=c11 -Os -Wall -Wextra -Wundef -Wshadow -Wstrict-prototypes \
	  -Wstack-usage=16384 -ffunction-sections -fdata-sections -fno-pie \
	  -fno-asynchronous-unwind-tables -fno-unwind-tables \
	  $(if $(filter 1,$(WERROR)),-Werror)
LDFLAGS = -static -no-pie -s -Wl,--gc-sections
Q       = $(if $(filter 1,$(V)),,@)

# Debian packages the build, the demo and the tests need.
DEPS_BUILD = gcc musl-tools libjsmn-dev
DEPS_TEST  = busybox-static util-linux iproute2 binutils
DEPS_RUNC  = runc
DEPS_VM    = qemu-system-x86 linux-image-amd64 e2fsprogs xz-utils cpio squashfs-tools
DEPS_ENGINES = containerd podman conmon docker.io
DEPS_BENCH = runc crun gnuplot-nox binutils
# Other architectures (`make cross`, the arm64 VM of `make check`): each
# target's cross gcc (it brings its kernel headers) and musl, libseccomp's
# scmp_sys_resolver to check the syscall tables, and QEMU for arm64; the
# guest's kernel and busybox come by apt-get download (tests/vm/fetch).
# riscv64: Debian 12 has no such port, so no musl-dev:riscv64; tests/cross
# builds musl from Debian 12's source (dpkg-dev's dpkg-source unpacks it).
CROSS_ARCHS = arm64 armhf mipsel s390x
DEPS_CROSS = gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf gcc-mipsel-linux-gnu \
	gcc-s390x-linux-gnu $(foreach a,$(CROSS_ARCHS),musl-dev:$(a)) seccomp file \
	gcc-riscv64-linux-gnu dpkg-dev
DEPS_VM_ARM64 = qemu-system-arm kmod
DEPS_VM_MORE = qemu-system-misc qemu-system-mips	# riscv64, s390x, mipsel: check-all

.PHONY: FORCE all demo unit size check check-all check-vm cross bench deps deps-check deps-all deps-bench deps-cross install clean distclean defconfig allnoconfig \
	allyesconfig tinyconfig menuconfig baseline bloatcheck
all: rt

rt: runtime.c config.h syscalls.h
	@echo "  CC      $@"
	@test -f $(JSMN_H) || { echo "rt: $(JSMN_H): missing (apt-get install libjsmn-dev, or make JSMN_H=...)"; exit 1; }
	@printf '#include <stdio.h>\n#ifdef __GLIBC__\n#error glibc\n#endif\n' | $(CC) -E -x c - >/dev/null 2>&1 || { echo "rt: $(CC): $(if $(shell command -v $(CC)),not a musl compiler,not found): rt is built with musl ($(if $(CROSS_COMPILE),apt-get install musl-dev:ARCH for $(CROSS_COMPILE),apt-get install musl-tools), or make CC=...)"; exit 1; }
	$(Q)$(CC) $(CFLAGS) -DJSMN_FILE='"$(JSMN_H)"' -DRT_VERSION='"$(VERSION)"' $(LDFLAGS) -o $@ runtime.c
	$(Q)! $(READELF) -d $@ | grep -q 'Dynamic section' || { echo "rt: not static"; rm -f $@; exit 1; }
	$(Q)$(SIZE) $@ | awk -v f=$$(stat -c %s $@) 'NR==2 {print "  SIZE    rt: " f " bytes (text " $$1 " data " $$2 " bss " $$3 ")"}'

# ---- configuration: Kconfig -> .config -> config.h -------------------------
# A small awk reader of Kconfig's `config`, `bool`, `int`, `range`,
# `default` and `depends on SYM` lines (a bool whose SYM is off is off),
# so that defconfig and the build need no kconfig tools;
# menuconfig uses kconfig-frontends when it is installed.
define KCONFIG_AWK
FNR == NR && /^config / { s = $$2; order[++n] = s; next }
FNR == NR && /^\tbool([ \t]|$$)/ { type[s] = "bool"; next }
FNR == NR && /^\tint([ \t]|$$)/ { type[s] = "int"; next }
FNR == NR && /^\trange[ \t]/ { lo[s] = $$2; hi[s] = $$3; next }
FNR == NR && /^\tdefault[ \t]/ { def[s] = $$2; next }
FNR == NR && /^\tdepends on [A-Z0-9_]+$$/ { dep[s] = $$3; next }
FNR == NR && /^\t(depends|select|imply|visible|if|endif)/ { err = err "Kconfig: config " s ": \"" $$0 "\": only `depends on SYM` is read\n"; next }
FNR == NR { next }
/^CONFIG_[A-Z0-9_]+=/ { k = substr($$0, 8); sub(/=.*/, "", k); v = $$0; sub(/^[^=]*=/, "", v); val[k] = v; next }
/^# CONFIG_[A-Z0-9_]+ is not set/ { val[substr($$2, 8)] = "n"; next }
END {
	if (err != "") { printf "%s", err > "/dev/stderr"; exit 1 }
	for (i = 1; i <= n; i++) {
		s = order[i]; v = (s in val) ? val[s] : def[s]
		if ((s in dep) && !(dep[s] in out)) { printf "Kconfig: config %s: depends on %s, not a config above it\n", s, dep[s] > "/dev/stderr"; exit 1 }
		if (mode == "allno" && type[s] == "bool") v = "n"
		if (mode == "allyes" && type[s] == "bool") v = "y"
		if (mode == "tiny" && type[s] == "bool") v = index(" " tiny " ", " " s " ") ? "y" : "n"
		if (s in dep && out[dep[s]] != "y") v = "n"	# depends on
		out[s] = v
		if (type[s] == "int" && (v !~ /^-?[0-9]+$$/ || v + 0 < lo[s] + 0 || v + 0 > hi[s] + 0)) {
			printf "Kconfig: CONFIG_%s=%s: not in range %s..%s\n", s, v, lo[s], hi[s] > "/dev/stderr"; exit 1
		}
		if (mode == "header")
			printf "#define CONFIG_%s %s\n", s, type[s] == "bool" ? (v == "y" ? 1 : 0) : v
		else if (type[s] == "bool" && v != "y")
			printf "# CONFIG_%s is not set\n", s
		else
			printf "CONFIG_%s=%s\n", s, v
	}
}
endef
export KCONFIG_AWK

# Regenerated on every make, replaced only when it changes, so that a new,
# edited or removed .config always reaches the binary.
config.h: FORCE
	$(Q)awk -v mode=header "$$KCONFIG_AWK" Kconfig $(wildcard .config) /dev/null > $@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm -f $@.tmp; else echo "  GEN     $@"; mv $@.tmp $@; fi
FORCE:

# The target's syscall numbers by name, for linux.seccomp, from the
# kernel's own <asm/unistd.h> for the target ($(KHDR_CC), the target's gcc,
# sees the linux-libc-dev headers), so that every name the kernel has is
# there as the kernel spells it: the 32-bit time calls on 32-bit targets
# (musl renames them *_time32), ARM's private calls (__ARM_NR_set_tls, from
# 0xf0000), the generic headers' __NR3264_ aliases, MIPS o32's base 4000;
# values such as (__NR_SYSCALL_BASE + 5) are added up.  Without kernel
# headers, the C library's <sys/syscall.h>.  An x86_64 target also gets the
# i386 and x32 numbers, and an arm64 one the 32-bit ARM numbers (from the
# armhf cross gcc's headers, when installed), so that profiles listing
# SCMP_ARCH_X86, SCMP_ARCH_X32 or SCMP_ARCH_ARM filter those syscalls too.
# Regenerated like config.h.
KHDR_CC = $(CROSS_COMPILE)gcc
ARM32_KHDR_CC = arm-linux-gnueabihf-gcc	# arm64's SCMP_ARCH_ARM numbers
define SYSCALLS_AWK
{ col = $$1; sub(/^[0-9] /, "") }
col > 0 { compat = 1 }
$$1 == "#define" && $$2 ~ /^__(ARM_)?NR(3264)?_[A-Za-z0-9_]+$$/ {
	v = $$0; sub(/^#define [^ ]+ /, "", v); def[col, $$2] = v
	if ($$2 ~ /^__(ARM_)?NR_/ && !((col, $$2) in seen)) { seen[col, $$2]; names[col, ++cnt[col]] = $$2 }
}
function num(s,   v, i, d) {
	if (s !~ /^0[xX]/) return s + 0
	v = 0; s = tolower(substr(s, 3))
	for (i = 1; i <= length(s); i++) { d = index("0123456789abcdef", substr(s, i, 1)) - 1; if (d < 0) return -1; v = v * 16 + d }
	return v
}
function ev(c, s, depth,   t, n, i, v, tot) {
	if (depth > 8) return -1
	gsub(/[()]/, " ", s); n = split(s, t, /[ \t+]+/); tot = 0
	for (i = 1; i <= n; i++) {
		if (t[i] == "") continue
		if (t[i] ~ /^[0-9]/) v = num(t[i])
		else if ((c, t[i]) in def) v = ev(c, def[c, t[i]], depth + 1)
		else v = 0	# __X32_SYSCALL_BIT: added as the x32 bias
		if (v < 0) return -1
		tot += v
	}
	return tot
}
END {
	for (c = 0; c < 3; c++)
		for (i = 1; i <= cnt[c]; i++) {
			m = names[c, i]; k = m; sub(/^__(ARM_)?NR_/, "", k)
			if (k ~ /^(syscalls|arch_specific_syscall|Linux|Linux_syscalls|SYSCALL_MASK)$$/ || k ~ /(^|_)BASE$$/) continue
			v = ev(c, def[c, m], 0)
			if (v < 0) continue
			nr[k, c] = v; if (!(k in known)) { known[k]; order[++n] = k }
		}
	ncol = 1; for (x in nr) { split(x, kc, SUBSEP); if (kc[2] + 1 > ncol) ncol = kc[2] + 1 }
	print "/* generated by make from the kernel's <asm/unistd.h> (and the compat ABIs' headers): do not edit */"
	printf "#define SC_COMPAT %d\n", compat
	print "static const char sc_names[] ="
	for (i = 1; i <= n; i++) printf "\t\"%s\\0\"\n", order[i]
	print "\t\"\";"
	wide = 0; for (x in nr) if (nr[x] >= 65535) wide = 1	# ARM's private calls
	printf "#define SC_NONE %s\n", wide ? "0xffffffffU" : "0xffffU"
	printf "static const %s sc_nrs[][%d] = {\t/* native%s; SC_NONE: none */\n", wide ? "uint32_t" : "uint16_t", ncol, ncol == 3 ? ", i386, x32" : ncol == 2 ? ", arm" : ""
	for (i = 1; i <= n; i++) {
		k = order[i]; printf "\t{ "
		for (c = 0; c < ncol; c++) printf "%s%s", ((k, c) in nr) ? sprintf("%d", nr[k, c]) : "SC_NONE", c < ncol - 1 ? ", " : " },\n"
	}
	print "};"
}
endef
export SYSCALLS_AWK
syscalls.h: FORCE
	$(Q){ if echo '#include <asm/unistd.h>' | $(KHDR_CC) -E -dM -x c - >/dev/null 2>&1; then \
	    echo '#include <asm/unistd.h>' | $(KHDR_CC) -E -dM -x c - | sed 's/^/0 /'; \
	  else echo '#include <sys/syscall.h>' | $(CC) -E -dM -x c - | sed 's/^/0 /'; fi; \
	  case $$($(CC) -dumpmachine) in \
	  x86_64*) echo '#include <asm/unistd_32.h>' | $(KHDR_CC) -E -dM -x c - 2>/dev/null | sed 's/^/1 /'; \
	    echo '#include <asm/unistd_x32.h>' | $(KHDR_CC) -E -dM -x c - 2>/dev/null | sed 's/^/2 /' ;; \
	  aarch64*) echo '#include <asm/unistd.h>' | $(ARM32_KHDR_CC) -E -dM -x c - 2>/dev/null | sed 's/^/1 /' ;; \
	  esac; } | \
	  awk "$$SYSCALLS_AWK" > $@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm -f $@.tmp; else echo "  GEN     $@"; mv $@.tmp $@; fi

# tinyconfig: every feature off but what the seed walkthrough needs (a
# terminal on the console, `rt spec`); the limits stay defconfig's.
TINY_CONFIG = TERMINAL SPEC
defconfig allnoconfig allyesconfig tinyconfig:
	@echo "  GEN     .config ($@)"
	$(Q)awk -v mode=$(patsubst %config,%,$@) -v tiny="$(TINY_CONFIG)" "$$KCONFIG_AWK" Kconfig /dev/null > .config

menuconfig:
	@command -v kconfig-mconf >/dev/null || { echo "menuconfig needs kconfig-frontends-nox (apt-get install kconfig-frontends-nox)"; exit 1; }
	kconfig-mconf Kconfig

# ---- packages, demo, tests ------------------------------------------------
# Installs only what is missing, so a machine that has everything needs no
# network and no root.
# `deps` is what the demo needs; `deps-check` adds runc, the VM and the
# container engines the tests drive.
# `deps-check` also makes dpkg know the other architectures (once: then
# apt's lists are updated).
deps deps-check deps-all deps-bench deps-cross:
	@update=; if [ $@ != deps ] && [ $@ != deps-bench ]; then \
		for a in $(CROSS_ARCHS); do dpkg --print-foreign-architectures | grep -qx $$a || \
			{ echo "  DPKG    --add-architecture $$a"; dpkg --add-architecture $$a; update=1; }; done; fi; \
	missing=$$(for p in $(DEPS_BUILD) busybox-static $(if $(filter deps-check deps-all,$@),$(DEPS_TEST) $(DEPS_RUNC) $(DEPS_VM) $(DEPS_ENGINES) \
		$(DEPS_CROSS) $(DEPS_VM_ARM64)) $(if $(filter deps-all,$@),$(DEPS_VM_MORE)) $(if $(filter deps-cross,$@),$(DEPS_CROSS)) \
		$(if $(filter deps-bench,$@),$(DEPS_VM) $(DEPS_BENCH)); do \
		dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing$$update" ]; then echo "  APT     $${missing:-update}"; apt-get update -qq || exit 1; fi; \
	if [ -n "$$missing" ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

# The seed walkthrough: a busybox bundle in ./box and a shell in it.
demo: deps rt
	@rm -rf box && mkdir -p box/rootfs/bin box/rootfs/etc
	@cp /bin/busybox box/rootfs/bin/busybox
	@for a in $$(box/rootfs/bin/busybox --list); do \
		[ "$$a" = busybox ] || ln -sf busybox box/rootfs/bin/$$a; done
	@echo 'root:x:0:0:root:/root:/bin/sh' > box/rootfs/etc/passwd
	@echo 'root:x:0:' > box/rootfs/etc/group
	@cd box && ../rt spec
	@echo "  RUN     rt run box   (try: ls, hostname, whoami, ip addr; exit to leave)"
	@cd box && ../rt run box

# tests/unit.c is no helper: it includes runtime.c (the unit target)
TEST_HELPERS = $(filter-out tests/unit,$(patsubst %.c,%,$(wildcard tests/*.c)))
tests/%: tests/%.c
	@echo "  CC      $@"
	$(Q)$(CC) -std=c11 -Os -Wall -Wextra -static -o $@ $<

# runtime.c's pure parts without root, in about a second (tests/unit.c
# includes runtime.c, main renamed): built as rt is, with its CFLAGS.
unit: tests/unit
	@./tests/unit
tests/unit: tests/unit.c runtime.c config.h syscalls.h
	@echo "  CC      $@"
	$(Q)$(CC) $(CFLAGS) -DJSMN_FILE='"$(JSMN_H)"' -DRT_VERSION='"$(VERSION)"' -static -o $@ tests/unit.c

# The host suite, with defconfig's rt (or .config's) and again with
# tinyconfig's (built in a copy of the tree; the tests of what it lacks
# skip, tests/lib.sh need_feature); rt cross-built for every other target
# with its syscall table checked; then the same suite in pure cgroup v2 QEMU guests, x86_64
# then arm64 (one after the other: TCG keeps both cores busy), each on an
# initramfs root and on an ext4 disk root; between them the x86_64 device
# that boots busybox init from a squashfs (tests/vm/appliance); the last
# line sums them all.
ARM64_OUT = $(CURDIR)/tests/vm/.build-arm64/bin
TINY_OUT = $(CURDIR)/tests/vm/.build-tiny
# not 17 (its variants are built from the tree, whatever rt is) nor the
# engines' 97-99 (they need exec, cgroups and JSON logs: all would skip)
TINY_FILES = $(filter-out tests/17-% tests/97-% tests/98-% tests/99-%,$(wildcard tests/[0-9]*.sh))
check: deps-check rt $(TEST_HELPERS) tests/unit
	@./tests/unit | tee .check-unit.log
	@sh tests/run | tee .check-host.log
	@rm -rf $(TINY_OUT) && mkdir -p $(TINY_OUT) && cp Makefile Kconfig runtime.c $(TINY_OUT)/ && \
		$(MAKE) -s -C $(TINY_OUT) tinyconfig >/dev/null && $(MAKE) -s -C $(TINY_OUT) WERROR=1 rt >/dev/null && \
		RT=$(TINY_OUT)/rt sh tests/run $(TINY_FILES) | sed '$$!s/^/tiny: /' | tee .check-tiny.log || \
		echo "FAIL tiny: tinyconfig's rt / not built" | tee .check-tiny.log
	@sh tests/cross --check | tee .check-cross.log
	@sh tests/cross --out $(ARM64_OUT) aarch64-linux-gnu >/dev/null && sh tests/vm/fetch arm64 >/dev/null || \
		echo "FAIL vm(arm64): rt, its helpers, kernel and busybox for arm64 / not made (tests/cross --out, tests/vm/fetch arm64)"
	@sh tests/vm/run | tee .check-vm.log
	@sh tests/vm/appliance | tee .check-appliance.log
	@VM_ARCH=arm64 RT=$(ARM64_OUT)/rt VM_HELPERS=$(ARM64_OUT) sh tests/vm/run | tee .check-vm-arm64.log
	@for f in unit host tiny cross vm appliance vm-arm64; do tail -n 1 .check-$$f.log; done | awk ' \
		/^[0-9]+ passed, [0-9]+ failed/ { p += $$1; f += $$3; s += $$5; next } \
		{ f++ } \
		END { printf "%d passed, %d failed", p, f; if (s) printf ", %d skipped", s; \
		      print ""; exit f > 0 }' 

check-vm: rt $(TEST_HELPERS)
	sh tests/vm/run

# `make check`, then the suite in the armhf (-M virt, cortex-a15, LPAE),
# mipsel (-M malta, 24Kf), riscv64 (-M virt, OpenSBI; Debian 13's kernel)
# and s390x (big-endian, -M s390-ccw-virtio) guests too, one after the other.
VM_MORE = arm-linux-gnueabihf:armhf mipsel-linux-gnu:mipsel riscv64-linux-gnu:riscv64 \
	s390x-linux-gnu:s390x
check-all: deps-all check
	@for t in $(VM_MORE); do a=$${t#*:}; o=$(CURDIR)/tests/vm/.build-$$a/bin; \
		{ sh tests/cross --out $$o $${t%%:*} >/dev/null && sh tests/vm/fetch $$a >/dev/null && \
		  VM_ARCH=$$a RT=$$o/rt VM_HELPERS=$$o sh tests/vm/run; } > .check-vm-$$a.log 2>&1; \
		cat .check-vm-$$a.log; done
	@for f in unit host tiny cross vm appliance vm-arm64 $(foreach t,$(VM_MORE),vm-$(lastword $(subst :, ,$(t)))); do tail -n 1 .check-$$f.log; done | awk ' \
		/^[0-9]+ passed, [0-9]+ failed/ { p += $$1; f += $$3; s += $$5; next } \
		{ f++ } \
		END { printf "%d passed, %d failed", p, f; if (s) printf ", %d skipped", s; \
		      print ""; exit f > 0 }'

# Every target built, its size and its syscall table (tests/cross).
cross: deps-cross
	@sh tests/cross

# rt against runc and crun in one run, in the test VM (pure cgroup v2); a
# report, never a failure: tests/bench/results/ and the README's table.
BENCH_HELPERS = tests/bench/timeit tests/bench/floor
bench: deps-bench rt $(BENCH_HELPERS)
	@sh tests/bench/run

# rt, the init script (/etc/init.d/rt: every bundle under /containers/boot)
# and, as an example to adapt, the inittab (busybox init, read-only root,
# the console's container): examples/, as tests/vm/appliance boots them.
SYSCONFDIR = /etc
install: rt
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(SYSCONFDIR)/init.d \
		$(DESTDIR)$(PREFIX)/share/rt
	install -m 755 rt $(DESTDIR)$(PREFIX)/bin/rt
	install -m 755 examples/init.d/rt $(DESTDIR)$(SYSCONFDIR)/init.d/rt
	install -m 644 examples/inittab $(DESTDIR)$(PREFIX)/share/rt/inittab

# ---- size ---------------------------------------------------------------
baseline: rt
	$(Q)$(CC) $(CFLAGS) -DJSMN_FILE='"$(JSMN_H)"' -static -o rt.unstripped runtime.c
	$(Q)$(NM) --size-sort -S rt.unstripped > .baseline && rm -f rt.unstripped
	@echo "  SAVED   .baseline"

# The stripped size of each Kconfig matrix, built in a copy of the tree
# (this tree's .config is left alone), as a table: the file's bytes, and
# text + data, which is what a board's flash and RAM hold of it (arm64's
# 64 KiB segment alignment pads the file).  CROSS_COMPILE= for a target.
SIZE_CONFIGS = tinyconfig allnoconfig defconfig allyesconfig
size:
	@d=$$(mktemp -d) && trap 'rm -rf "$$d"' EXIT && \
	cp Makefile Kconfig runtime.c "$$d" && \
	printf '%-14s %8s %10s\n' config bytes text+data && \
	for c in $(SIZE_CONFIGS); do \
		$(MAKE) -s -C "$$d" $$c >/dev/null && rm -f "$$d/rt" && \
		l=$$($(MAKE) -s -C "$$d" rt | sed -n 's/.*rt: \([0-9]*\) bytes (text \([0-9]*\) data \([0-9]*\).*/\1 \2 \3/p') && \
		[ -n "$$l" ] || exit 1; \
		set -- $$l; printf '%-14s %8s %10s\n' $$c $$1 $$(($$2 + $$3)); \
	done

bloatcheck: rt
	$(Q)$(CC) $(CFLAGS) -DJSMN_FILE='"$(JSMN_H)"' -static -o rt.unstripped runtime.c
	$(Q)$(NM) --size-sort -S rt.unstripped > .bloat && rm -f rt.unstripped
	$(Q)diff .baseline .bloat | grep '^[<>]' | sort -k3 | head -40 || true

clean:
	rm -f rt config.h config.h.tmp syscalls.h syscalls.h.tmp rt.unstripped .bloat $(TEST_HELPERS) tests/unit $(BENCH_HELPERS)
	rm -rf box tests/vm/.build tests/vm/.build-* .check-*.log

distclean: clean
	rm -f .config .config.old .baseline
	rm -rf tests/vm/.cache
