# rt: one static binary from runtime.c.  GNU make, one file, no recursion.
# `make V=1` prints every command; CROSS_COMPILE prefixes every tool;
# CC= on the command line wins; JSMN_H= points at another jsmn.h.

PREFIX  = /usr/local
VERSION = 0.1.0
JSMN_H  = /usr/include/jsmn.h
ifeq ($(origin CC),default)          # make's built-in CC=cc does not count
CC      = $(if $(CROSS_COMPILE),$(CROSS_COMPILE)gcc,musl-gcc)
endif
SIZE    = $(CROSS_COMPILE)size
READELF = $(CROSS_COMPILE)readelf
NM      = $(CROSS_COMPILE)nm
CFLAGS  = -std=c11 -Os -Wall -Wextra -Wundef -Wshadow -Wstrict-prototypes \
	  -Wstack-usage=16384 -ffunction-sections -fdata-sections \
	  $(if $(filter 1,$(WERROR)),-Werror)
LDFLAGS = -static -s -Wl,--gc-sections
Q       = $(if $(filter 1,$(V)),,@)

# Debian packages the build, the demo and the tests need.
DEPS_BUILD = gcc musl-tools libjsmn-dev
DEPS_TEST  = busybox-static util-linux iproute2 binutils
DEPS_RUNC  = runc
DEPS_VM    = qemu-system-x86 linux-image-amd64 e2fsprogs xz-utils cpio

.PHONY: FORCE all demo check check-vm deps install clean distclean defconfig allnoconfig \
	allyesconfig menuconfig baseline bloatcheck
all: rt

rt: runtime.c config.h
	@echo "  CC      $@"
	@test -f $(JSMN_H) || { echo "rt: $(JSMN_H): missing (apt-get install libjsmn-dev, or make JSMN_H=...)"; exit 1; }
	$(Q)$(CC) $(CFLAGS) -DJSMN_FILE='"$(JSMN_H)"' -DRT_VERSION='"$(VERSION)"' $(LDFLAGS) -o $@ runtime.c
	$(Q)! $(READELF) -d $@ | grep -q 'Dynamic section' || { echo "rt: not static"; rm -f $@; exit 1; }
	$(Q)$(SIZE) $@ | awk -v f=$$(stat -c %s $@) 'NR==2 {print "  SIZE    rt: " f " bytes (text " $$1 " data " $$2 " bss " $$3 ")"}'

# ---- configuration: Kconfig -> .config -> config.h -------------------------
# A small awk reader of Kconfig's `config`, `bool`, `int`, `range` and
# `default` lines, so that defconfig and the build need no kconfig tools;
# menuconfig uses kconfig-frontends when it is installed.
define KCONFIG_AWK
FNR == NR && /^config / { s = $$2; order[++n] = s; next }
FNR == NR && /^[ \t]+bool/ { type[s] = "bool"; next }
FNR == NR && /^[ \t]+int/ { type[s] = "int"; next }
FNR == NR && /^[ \t]+range/ { lo[s] = $$2; hi[s] = $$3; next }
FNR == NR && /^[ \t]+default/ { def[s] = $$2; next }
FNR == NR { next }
/^CONFIG_[A-Z0-9_]+=/ { k = substr($$0, 8); sub(/=.*/, "", k); v = $$0; sub(/^[^=]*=/, "", v); val[k] = v; next }
/^# CONFIG_[A-Z0-9_]+ is not set/ { val[substr($$2, 8)] = "n"; next }
END {
	for (i = 1; i <= n; i++) {
		s = order[i]; v = (s in val) ? val[s] : def[s]
		if (mode == "allno" && type[s] == "bool") v = "n"
		if (mode == "allyes" && type[s] == "bool") v = "y"
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

defconfig allnoconfig allyesconfig:
	@echo "  GEN     .config ($@)"
	$(Q)awk -v mode=$(patsubst %config,%,$@) "$$KCONFIG_AWK" Kconfig /dev/null > .config

menuconfig:
	@command -v kconfig-mconf >/dev/null || { echo "menuconfig needs kconfig-frontends-nox (apt-get install kconfig-frontends-nox)"; exit 1; }
	kconfig-mconf Kconfig

# ---- packages, demo, tests ------------------------------------------------
# Installs only what is missing, so a machine that has everything needs no
# network and no root.
deps:
	@missing=$$(for p in $(DEPS_BUILD) $(DEPS_TEST) $(DEPS_RUNC) $(DEPS_VM); do \
		dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "  APT     $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

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

TEST_HELPERS = $(patsubst %.c,%,$(wildcard tests/*.c))
tests/%: tests/%.c
	@echo "  CC      $@"
	$(Q)$(CC) -std=c11 -Os -Wall -Wextra -static -o $@ $<

# The host suite, then the same suite in a pure cgroup v2 QEMU guest on an
# initramfs root and on an ext4 disk root; the last line sums the VM runs.
check: deps rt $(TEST_HELPERS)
	@sh tests/run | tee .check-host.log
	@sh tests/vm/run | tee .check-vm.log
	@for f in host vm; do tail -n 1 .check-$$f.log; done | awk ' \
		/^[0-9]+ passed, [0-9]+ failed/ { p += $$1; f += $$3; s += $$5; next } \
		{ f++ } \
		END { printf "%d passed, %d failed", p, f; if (s) printf ", %d skipped", s; \
		      print ""; exit f > 0 }' 

check-vm: rt $(TEST_HELPERS)
	sh tests/vm/run

install: rt
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 rt $(DESTDIR)$(PREFIX)/bin/rt

# ---- size ---------------------------------------------------------------
baseline: rt
	$(Q)$(CC) $(CFLAGS) -DJSMN_FILE='"$(JSMN_H)"' -static -o rt.unstripped runtime.c
	$(Q)$(NM) --size-sort -S rt.unstripped > .baseline && rm -f rt.unstripped
	@echo "  SAVED   .baseline"

bloatcheck: rt
	$(Q)$(CC) $(CFLAGS) -DJSMN_FILE='"$(JSMN_H)"' -static -o rt.unstripped runtime.c
	$(Q)$(NM) --size-sort -S rt.unstripped > .bloat && rm -f rt.unstripped
	$(Q)diff .baseline .bloat | grep '^[<>]' | sort -k3 | head -40 || true

clean:
	rm -f rt config.h config.h.tmp rt.unstripped .bloat $(TEST_HELPERS)
	rm -rf box tests/vm/.build .check-host.log .check-vm.log

distclean: clean
	rm -f .config .config.old .baseline
