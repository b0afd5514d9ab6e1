# 94-sysctl: linux.sysctl (set inside, host unchanged, the refusals) and
# `rt features` (its JSON, keys, hooks, namespaces, mount options, seccomp).

. "$TOP/tests/lib-lifecycle.sh"

setup() {
	lc_setup
}

# after NAME: the id $ID left nothing behind
after() { nothing_left "$1-nothing-left" "$ID"; }

# ---- linux.sysctl ---------------------------------------------------------------------

t_sysctl_inside() {
	need_feature sysctl-inside CONFIG_SYSCTL || return 0
	P=/proc/sys/net/ipv4/ip_unprivileged_port_start S=/proc/sys/kernel/shmmni
	before="$(cat "$P" "$S" 2>&1)"
	C_LINUX_EXTRA=', "sysctl": { "net.ipv4.ip_unprivileged_port_start": "0", "kernel.shmmni": "1000" }' \
		sh_ct sysctl "cat $P $S"
	check_eq sysctl-inside "exit 0: 0 1000: " "exit $RC: $(echo $OUT): $ERR"
	check_eq sysctl-host-unchanged "$(echo $before)" "$(echo $(cat "$P" "$S" 2>&1))"
	after sysctl
}

# refused: not namespaced; net.* in the host's network namespace (runc
# refuses both, in its own words)
t_sysctl_not_namespaced() {
	need_feature sysctl-not-namespaced CONFIG_SYSCTL || return 0
	C_LINUX_EXTRA=', "sysctl": { "vm.swappiness": "10" }' sh_ct sysctlvm 'echo ran'
	check_eq sysctl-not-namespaced-rc "exit 1: " "exit $RC: $OUT"
	need_rt_only sysctl-not-namespaced-msg && check_eq sysctl-not-namespaced-msg \
		"rt: config.json: linux.sysctl.vm.swappiness: not a namespaced parameter (runc refuses it too)" "$ERR"
	after sysctl-not-namespaced
}

t_sysctl_host_netns() {
	need_feature sysctl-host-netns CONFIG_SYSCTL || return 0
	C_NAMESPACES='{ "type": "pid" }, { "type": "ipc" }, { "type": "uts" }, { "type": "mount" }' \
	C_LINUX_EXTRA=', "sysctl": { "net.ipv4.ip_forward": "1" }' sh_ct sysctlnet 'echo ran'
	check_eq sysctl-host-netns-rc "exit 1: " "exit $RC: $OUT"
	need_rt_only sysctl-host-netns-msg && check_eq sysctl-host-netns-msg \
		"rt: config.json: linux.sysctl.net.ipv4.ip_forward: the container shares the host's network namespace" "$ERR"
	after sysctl-host-netns
}

# ---- features ------------------------------------------------------------------------

t_sysctl_features() {
	need_feature sysctl-features CONFIG_FEATURES || return 0
	F=$("$RT" features 2>&1)
	check_eq features-rc 0 "$?"
	if FL=$(printf '%s\n' "$F" | json_flat); then ok features-json
	else fail features-json "valid JSON" "$FL"; fi
	check_eq features-keys "ociVersionMin ociVersionMax hooks mountOptions linux annotations" "$(jkeys "$FL")"
	# the configs rt accepts: ociVersion 1.0.0 to 1.3.x
	need_rt_only features-versions &&
		check_eq features-versions "1.0.0 1.3.0" "$(jget "$FL" '\.ociVersionMin') $(jget "$FL" '\.ociVersionMax')"
	check_eq features-hooks "prestart createRuntime createContainer startContainer poststart poststop" \
		"$(jlist "$FL" '\.hooks')"
	# runc 1.1.5 has no time namespaces
	NS=" $(jlist "$FL" '\.linux\.namespaces') "
	check_match features-namespaces-user ' user ' "$NS"
	need_rt_only features-namespaces-time && check_match features-namespaces-time ' time ' "$NS"
	check_match features-mount-rbind ' rbind ' " $(jlist "$FL" '\.mountOptions') "
	SECCOMP=$(jget "$FL" '\.linux\.seccomp\.enabled')
	if [ "$SECCOMP" = true ]; then
		check_match features-seccomp-errno ' SCMP_ACT_ERRNO ' " $(jlist "$FL" '\.linux\.seccomp\.actions') "
	else
		skip features-seccomp "seccomp not enabled in this build: $SECCOMP"
	fi
	# runtime-spec 1.3's features of what rt applies: memory policies,
	# idmapped mounts, network devices, SCMP_ACT_NOTIFY and its flag
	if need_rt_only features-1-3; then
		check_eq features-1-3 "true true MPOL_BIND MPOL_F_STATIC_NODES SCMP_ACT_NOTIFY SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV" \
			"$(jget "$FL" '\.linux\.mountExtensions\.idmap\.enabled') $(jget "$FL" '\.linux\.netDevices\.enabled') $(jlist "$FL" '\.linux\.memoryPolicy\.modes' | grep -o MPOL_BIND) $(jlist "$FL" '\.linux\.memoryPolicy\.flags' | grep -o MPOL_F_STATIC_NODES) $(jlist "$FL" '\.linux\.seccomp\.actions' | grep -o SCMP_ACT_NOTIFY) $(jlist "$FL" '\.linux\.seccomp\.knownFlags' | grep -o SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV)"
	fi
	if skip_without_cmd features-keys-as-runc runc; then
		check_eq features-keys-as-runc "$(jkeys "$(runc features | json_flat)")" "$(jkeys "$FL")"
	fi
}
