# 20-spec: `spec` writes the default config; config.json errors are one
# exact line, exit 1, and leave nothing behind.

setup() {
	mkbundle "$TMPD/b"
}

# spec_default: `$RT spec` in $TMPD/s1
spec_default() {
	mkdir "$TMPD/s1" && (cd "$TMPD/s1" && "$RT" spec) > /dev/null 2>&1
}

# ---- spec ------------------------------------------------------------------

t_spec_exit() {
	mkdir "$TMPD/s1"
	(cd "$TMPD/s1" && "$RT" spec) > "$TMPD/out" 2>&1; rc=$?
	check_eq spec-exit "exit 0: " "exit $rc: $(cat "$TMPD/out")"
	[ -s "$TMPD/s1/config.json" ] && ok spec-writes-config ||
		fail spec-writes-config "a config.json" "$(ls -A "$TMPD/s1")"
}

t_spec_hostname() {
	spec_default
	if [ "$RT_IS_REF" = 1 ]; then
		skip spec-hostname "rt only (RT=$RT_NAME)"
	else
		check_eq spec-hostname '"hostname": "rt",' \
			"$(grep '"hostname"' "$TMPD/s1/config.json" | sed 's/^[ 	]*//')"
	fi
}

t_spec_same_as_runc() {
	need_feature spec-same-as-runc CONFIG_SPEC || return 0
	need_feature spec-same-as-runc CONFIG_TERMINAL || return 0
	need_feature spec-same-as-runc CONFIG_CGROUP_DEVICES || return 0
	spec_default
	if skip_without_cmd spec-same-as-runc runc; then
		mkdir "$TMPD/s2"
		(cd "$TMPD/s2" && runc spec)
		a=$(grep -v -e '"hostname"' -e '"ociVersion"' "$TMPD/s1/config.json")
		b=$(grep -v -e '"hostname"' -e '"ociVersion"' "$TMPD/s2/config.json")
		if [ "$a" = "$b" ]; then ok spec-same-as-runc
		else fail spec-same-as-runc "runc spec" "$(diff "$TMPD/s2/config.json" "$TMPD/s1/config.json" | head -20)"; fi
	fi
}

t_spec_bundle() {
	mkdir "$TMPD/s3"
	"$RT" spec --bundle "$TMPD/s3" > "$TMPD/out" 2>&1; rc=$?
	check_eq spec-bundle "exit 0 config.json" "exit $rc $(ls "$TMPD/s3")"
}

t_spec_exists_exit() {
	mkdir "$TMPD/s3"
	echo '{"mine": 1}' > "$TMPD/s3/config.json"
	"$RT" spec --bundle "$TMPD/s3" > "$TMPD/out" 2> "$TMPD/err"; rc=$?
	check_eq spec-exists-exit 1 "$rc"
	check_eq spec-exists-unchanged '{"mine": 1}' "$(cat "$TMPD/s3/config.json")"
	if [ "$RT_IS_REF" = 1 ]; then
		skip spec-exists-message "rt only (RT=$RT_NAME)"
	else
		check_eq spec-exists-message 'rt: config.json: File exists' "$(cat "$TMPD/err")"
	fi
}

t_spec_rootless() {
	if need_rt_only spec-rootless; then
		mkdir "$TMPD/s4"
		"$RT" spec --rootless --bundle "$TMPD/s4" > "$TMPD/out" 2> "$TMPD/err"; rc=$?
		c=$(cat "$TMPD/s4/config.json" 2>/dev/null)
		e=$(cat "$TMPD/err")
		if [ $rc = 0 ] && printf '%s' "$c" | grep -q '"type": *"user"' &&
		    printf '%s' "$c" | grep -q '"uidMappings"'; then
			ok spec-rootless
		elif [ $rc = 1 ] && [ -z "$c" ] && [ -n "$e" ] &&
		    [ "$(printf '%s\n' "$e" | wc -l)" -eq 1 ] && [ "${e#rt: }" != "$e" ]; then
			ok spec-rootless
		else
			fail spec-rootless "exit 0 with user ns + uidMappings, or exit 1 + one line" \
				"exit $rc, stderr '$e', config $(printf '%s' "$c" | head -c 200)"
		fi
	fi
}

# ---- config errors ---------------------------------------------------------



# valid config with one piece replaced by sed: cfg_sed SED-EXPR
cfg_sed() {
	mkconfig "$B"
	sed "$1" "$B/config.json" > "$TMPD/c" && cat "$TMPD/c" > "$B/config.json"
}

# each error needs rt's exact wording; under runc only nothing-left is checked
t_spec_err_no_config() {
	rm -f "$B/config.json"
	cfg_err err-no-config 'rt: config.json: No such file or directory'
}

t_spec_err_invalid_json() {
	printf '{"a": @}' > "$B/config.json"
	cfg_err err-invalid-json 'rt: config.json: invalid JSON at byte 6'
}

t_spec_err_truncated_json() {
	printf '{"ociVersion": "1.0.2"' > "$B/config.json"
	cfg_err err-truncated-json 'rt: config.json: truncated JSON'
}

t_spec_err_arg_not_string() {
	C_ARGS='"sh", 42' mkconfig "$B"
	cfg_err err-arg-not-string 'rt: config.json: process.args[1]: expected a string'
}

t_spec_err_too_many_mounts() {
	m=
	i=0
	while [ $i -lt 63 ]; do
		m="$m, { \"destination\": \"/tmp/m$i\", \"type\": \"tmpfs\", \"source\": \"tmpfs\" }"
		i=$((i + 1))
	done
	C_MOUNTS_EXTRA=$m mkconfig "$B"
	# 7 default mounts + 63 extra = 70
	cfg_err err-too-many-mounts 'rt: config.json: mounts: 70 entries, limit is 64 (raise CONFIG_MAX_MOUNTS)'
}

t_spec_err_oci_version() {
	C_VERSION=2.0.0 mkconfig "$B"
	cfg_err err-oci-version 'rt: config.json: ociVersion: unsupported version "2.0.0"'
}

t_spec_version() {
	for v in 1.0.0 1.0.2-dev 1.1.0 1.2.0 1.3.0; do
		ID=$(newid "v$v" | tr . _); track "$ID"
		C_VERSION=$v C_ARGS='"true"' mkconfig "$B"
		run_ct "$ID"
		check_eq "version-$v-accepted" "exit 0: " "exit $RC: $ERR"
	done
}

# runtime-spec 1.3's members refused by name in a 1.3.0 config, never
# ignored: a network device the host does not have; Intel RDT
t_spec_err_newer_members() {
	need_feature spec-err-newer-members CONFIG_NET_DEVICES || return 0
	C_VERSION=1.3.0 C_LINUX_EXTRA=', "netDevices": { "rt-none0": {}, "rt-none1": { "name": "container_eth0" } }' mkconfig "$B"
	cfg_err err-net-devices 'rt: linux.netDevices.rt-none0: no such network device on the host'
	C_VERSION=1.3.0 C_LINUX_EXTRA=', "intelRdt": { "closID": "guaranteed_group", "l3CacheSchema": "L3:0=7f0;1=1f" }' mkconfig "$B"
	if [ -d /sys/fs/resctrl/info ]; then
		cfg_err err-intel-rdt 'rt: config.json: linux.intelRdt: not supported yet'
	else
		cfg_err err-intel-rdt 'rt: config.json: linux.intelRdt: resctrl is not mounted at /sys/fs/resctrl (no Intel RDT here)'
	fi
}

# the spec's own examples of the members rt applies: execCPUAffinity is
# for exec only (the init runs); memoryPolicy's nodes 2-3 are applied or
# the kernel's refusal is named (a machine with fewer nodes)
t_spec_newer_members() {
	need_feature spec-newer-members CONFIG_EXEC_CPU_AFFINITY || return 0
	need_feature spec-newer-members CONFIG_MEMORY_POLICY || return 0
	need_rt_only spec-exec-cpu-affinity || return
	ID=$(newid aff); track "$ID"
	C_VERSION=1.3.0 C_ARGS='"true"' C_PROCESS_EXTRA=', "execCPUAffinity": { "initial": "7", "final": "0-3,7" }' mkconfig "$B"
	run_ct "$ID"
	check_eq spec-exec-cpu-affinity "exit 0: " "exit $RC: $ERR"
	ID=$(newid mpol); track "$ID"
	C_VERSION=1.3.0 C_ARGS='"true"' C_LINUX_EXTRA=', "memoryPolicy": { "mode": "MPOL_INTERLEAVE", "nodes": "2-3", "flags": [ "MPOL_F_STATIC_NODES" ] }' mkconfig "$B"
	run_ct "$ID"
	case "exit $RC: $ERR" in
	"exit 0: "|"exit 1: rt: linux.memoryPolicy: set_mempolicy: Invalid argument"|"exit 1: rt: linux.memoryPolicy: set_mempolicy: Function not implemented")
		ok spec-memory-policy ;;
	*) fail spec-memory-policy "exit 0, or the kernel's refusal named" "exit $RC: $ERR" ;;
	esac
	nothing_left spec-memory-policy-nothing-left "$ID"
}

t_spec_err_namespace_type() {
	C_NAMESPACES='{ "type": "pid" }, { "type": "network" }, { "type": "nett" }, { "type": "mount" }' mkconfig "$B"
	cfg_err err-namespace-type 'rt: config.json: linux.namespaces[2].type: unknown namespace "nett"'
}

t_spec_err_root_missing() {
	C_ROOT_PATH=nope mkconfig "$B"
	cfg_err err-root-missing 'rt: config.json: root.path: nope: No such file or directory'
}

# ---- id and exec errors (runc too) ----------------------------------------

t_spec_err_bad_id() {
	C_ARGS='"true"' mkconfig "$B"
	run_ct bad/id
	if [ "$RT_IS_REF" = 1 ]; then
		check_has err-bad-id 'invalid container ID format' "$ERR"
		check_rc err-bad-id-exit 1
	else
		check_eq err-bad-id "exit 1: rt: bad/id: invalid container ID format" "exit $RC: $ERR"
	fi
	nothing_left err-bad-id-nothing-left bad/id
	[ -e "$STATE_ROOT/bad" ] && fail err-bad-id-no-dir "no $STATE_ROOT/bad" "exists" ||
		ok err-bad-id-no-dir
}

t_spec_err_id_in_use() {
	ID=$(newid dup); track "$ID"
	C_ARGS='"sleep", "3"' mkconfig "$B"
	timeout "$T_TIMEOUT" "$RT" run --bundle "$B" "$ID" < /dev/null > "$TMPD/dup1" 2>&1 &
	dup=$!
	i=0
	while [ ! -e "$STATE_ROOT/$ID" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	run_ct "$ID"
	check_has err-id-in-use 'container with given ID already exists' "$ERR"
	check_rc err-id-in-use-exit 1
	wait $dup; rc=$?
	check_eq err-id-in-use-first-unharmed "exit 0: " "exit $rc: $(cat "$TMPD/dup1")"
	nothing_left err-id-in-use-nothing-left "$ID"
}

t_spec_err_nonexist() {
	ID=$(newid nonexist); track "$ID"
	C_ARGS='"nonexist"' mkconfig "$B"
	run_ct "$ID"
	# runc escapes the quotes (exec: \"nonexist\"): compare without backslashes
	e=$(printf '%s' "$ERR" | tr -d '\\')
	check_has err-nonexist 'exec: "nonexist": executable file not found in $PATH' "$e"
	check_rc err-nonexist-exit 1
	if [ "$RT_IS_REF" = 0 ]; then
		check_eq err-nonexist-one-line 1 "$(printf '%s\n' "$ERR" | wc -l)"
	fi
	nothing_left err-nonexist-nothing-left "$ID"
}
