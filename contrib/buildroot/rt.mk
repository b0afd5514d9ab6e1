################################################################################
#
# rt: OCI container runtime for embedded Linux
#
# NOT BUILT IN rt's CI (see Config.in).  Set RT_SITE to where rt's source
# is; jsmn.h (one header, MIT) is fetched as an extra download, since
# Buildroot has no jsmn package.  Each BR2_PACKAGE_RT_X option turns rt's
# Kconfig symbol CONFIG_X off when unset; the symbols below are rt's own,
# checked by rt's tests/17-kconfig.sh.
#
################################################################################

RT_VERSION = 0.1.0
RT_SITE = /path/to/rt	# rt's source tree (a local package)
RT_SITE_METHOD = local
RT_LICENSE = Apache-2.0
RT_JSMN_VERSION = 1.1.0
RT_EXTRA_DOWNLOADS = \
	https://raw.githubusercontent.com/zserge/jsmn/v$(RT_JSMN_VERSION)/jsmn.h

RT_KCONFIG_OFF = \
	$(if $(BR2_PACKAGE_RT_TERMINAL),,TERMINAL) \
	$(if $(BR2_PACKAGE_RT_EXEC),,EXEC) \
	$(if $(BR2_PACKAGE_RT_HOOKS),,HOOKS) \
	$(if $(BR2_PACKAGE_RT_SECCOMP),,SECCOMP) \
	$(if $(BR2_PACKAGE_RT_USERNS),,USERNS) \
	$(if $(BR2_PACKAGE_RT_CGROUPS),,CGROUPS) \
	$(if $(BR2_PACKAGE_RT_PS),,PS) \
	$(if $(BR2_PACKAGE_RT_LOG_JSON),,LOG_JSON) \
	$(if $(BR2_PACKAGE_RT_FEATURES),,FEATURES) \
	$(if $(BR2_PACKAGE_RT_SPEC),,SPEC) \
	$(if $(BR2_PACKAGE_RT_SYSCTL),,SYSCTL) \
	$(if $(BR2_PACKAGE_RT_LSM),,LSM)

RT_MAKE_OPTS = CC="$(TARGET_CC)" CROSS_COMPILE="$(TARGET_CROSS)" \
	JSMN_H=$(RT_DL_DIR)/jsmn.h

define RT_CONFIGURE_CMDS
	$(MAKE) -C $(@D) $(if $(BR2_PACKAGE_RT_TINY),tinyconfig,defconfig)
	$(foreach s,$(RT_KCONFIG_OFF),sed -i 's/^CONFIG_$(s)=y$$/# CONFIG_$(s) is not set/' $(@D)/.config;)
endef

define RT_BUILD_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C $(@D) $(RT_MAKE_OPTS) rt
endef

define RT_INSTALL_TARGET_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C $(@D) $(RT_MAKE_OPTS) \
		DESTDIR=$(TARGET_DIR) PREFIX=/usr install
endef

$(eval $(generic-package))
