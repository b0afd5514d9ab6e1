# 60-lifecycle: create/start/state/list/kill/delete/ps/run -d on a private
# --root; pid files, container ids, concurrent creates, the console socket,
# the log file, and examples/init.d/rt.  Each container's stdout is a file
# given to create, so the tests read what it printed.

. "$TOP/tests/lib-lifecycle.sh"

setup() {
	lc_setup
}

# after NAME: the id $ID left nothing behind
after() { nothing_left "$1-nothing-left" "$ID"; }

t_list_empty() {
	check_eq list-empty "ID          PID         STATUS      BUNDLE      CREATED     OWNER" \
		"$("$RT" list 2>&1)"
	check_eq list-json-empty null "$("$RT" list --format json 2>&1)"
	check_eq list-q-empty "" "$("$RT" list -q 2>&1)"
	# runc's json.Encoder ends the line
	check_eq list-json-empty-newline 1 "$("$RT" list --format json 2>&1 | tail -c 1 | wc -l | tr -d ' ')"
}

# ---- the seed sequence: create, start, exit, delete ----------------------------

t_seed() {
	create_ct seed "echo out-started; echo err-started >&2; $(gate_wait seed); echo out-done"
	check_eq seed-create "exit 0: " "exit $RC: $ERR"
	SEED=$ID
	ST=$("$RT" state "$SEED" 2>&1)
	check_eq seed-state-created created "$(state_field status)"
	SEEDPID=$(state_field pid)
	case $SEEDPID in
	[1-9]*) [ -d "/proc/$SEEDPID" ] && ok seed-state-pid ||
		fail seed-state-pid "a live pid" "$SEEDPID" ;;
	*) fail seed-state-pid "pid > 0" "$SEEDPID" ;;
	esac
	check_eq seed-state-id "$SEED" "$(state_field id)"
	check_eq seed-state-bundle "$B" "$(state_field bundle)"
	check_eq seed-state-rootfs "$B/rootfs" "$(state_field rootfs)"
	check_match seed-state-created-time "$CREATED_RE" "$(state_field created)"
	check_match seed-state-ociVersion '^1\.[0-9]+\.[0-9]+' "$(state_field ociVersion)"
	check_match seed-state-owner '^  "owner": ".*"$' "$ST"
	# runc's layout: {, two-space keys in this order, } with no newline after it
	check_eq seed-state-keys "ociVersion id pid status bundle rootfs created owner" \
		"$(echo $(printf '%s\n' "$ST" | sed -n 's/^  "\([a-zA-Z]*\)": .*/\1/p'))"
	check_eq seed-state-braces "{ }" "$(printf '%s\n' "$ST" | sed -n '1p;$p' | tr '\n' ' ' | sed 's/ $//')"
	check_eq seed-state-no-newline "0 }" "$("$RT" state "$SEED" | tail -c 1 | wc -l | tr -d ' ') $("$RT" state "$SEED" | tail -c 1)"
	check_match seed-list-created "^$SEED +$SEEDPID +created +$B +" "$("$RT" list 2>&1)"
	check_eq seed-not-started-yet "" "$(cat "$TMPD/seed.out")"

	"$RT" start "$SEED" > "$TMPD/start.out" 2>&1
	check_eq seed-start "exit 0: " "exit $?: $(cat "$TMPD/start.out")"
	check_eq seed-state-running running "$(ct_status "$SEED")"
	check_match seed-list-running "^$SEED +$SEEDPID +running +$B +" "$("$RT" list 2>&1)"
	poll file_has "$TMPD/seed.out" out-started
	check_eq seed-stdout-is-create-stdout out-started "$(cat "$TMPD/seed.out")"
	poll file_has "$TMPD/seed.err" err-started
	check_eq seed-stderr-is-create-stderr err-started "$(cat "$TMPD/seed.err")"

	e=$("$RT" start "$SEED" 2>&1); rc=$?
	check_eq start-running-rc 1 "$rc"
	check_has start-running-msg "cannot start an already running container" "$e"

	gate_open seed
	wait_status seed-stopped "$SEED" stopped
	ST=$("$RT" state "$SEED" 2>&1)
	check_eq seed-state-stopped-pid 0 "$(state_field pid)"
	check_match seed-list-stopped "^$SEED +0 +stopped +$B +" "$("$RT" list 2>&1)"
	check_eq seed-output "out-started out-done" "$(echo $(cat "$TMPD/seed.out"))"

	e=$("$RT" start "$SEED" 2>&1); rc=$?
	check_eq start-stopped-rc 1 "$rc"
	check_has start-stopped-msg "cannot start a container that has stopped" "$e"
	e=$("$RT" kill "$SEED" 2>&1); rc=$?
	check_eq kill-stopped-rc 1 "$rc"
	check_has kill-stopped-msg "container not running" "$e"

	e=$("$RT" delete "$SEED" 2>&1); rc=$?
	check_eq seed-delete "exit 0: " "exit $rc: $e"
	check_eq seed-list-gone "" "$("$RT" list -q 2>&1)"
	e=$("$RT" state "$SEED" 2>&1); rc=$?
	check_eq seed-state-gone-rc 1 "$rc"
	check_has seed-state-gone-msg "container does not exist" "$e"
	ID=$SEED after seed
}

# ---- state: annotations --------------------------------------------------------

# annot_ct: a created (not started) container with annotations; ANNOT its id
annot_ct() {
	C_TOP_EXTRA=', "annotations": { "org.example.k": "v1", "q": "say \"hi\"" }' \
		create_ct annot 'sleep 100'
	ANNOT=$ID
}

t_state_annotations() {
	annot_ct
	ST=$("$RT" state "$ID" 2>&1)
	check_has state-annotations-open '  "annotations": {' "$ST"
	check_has state-annotation-kv '    "org.example.k": "v1",' "$ST"
	check_has state-annotation-escaped '    "q": "say \"hi\""' "$ST"
	check_eq state-keys-with-annotations \
		"ociVersion id pid status bundle rootfs created annotations owner" \
		"$(echo $(printf '%s\n' "$ST" | sed -n 's/^  "\([a-zA-Z]*\)": .*/\1/p'))"
}

# annotations of exactly CONFIG_MAX_ANNOTATIONS_SIZE (65536) bytes as rt
# stores them ("big" TAB V NL "last" TAB "z" NL: V of 65524) are shown whole
# by state, list and the hooks' state; a byte more is refused in one line
# and leaves nothing (rt before 2026-12-04 cut them at 16 KiB, silently)
t_state_annotations_limit() {
	need_feature state-annotations-limit CONFIG_HOOKS || return 0
	v=$(awk 'BEGIN { while (n++ < 65524) printf "x" }')
	hook="\"hooks\": { \"prestart\": [ { \"path\": \"/bin/sh\", \"args\": [ \"sh\", \"-c\", \"cat > $TMPD/annhook\" ] } ] }"
	C_TOP_EXTRA=", \"annotations\": { \"big\": \"$v\", \"last\": \"z\" }, $hook" \
		create_ct annbig 'sleep 100'
	ST=$("$RT" state "$ID" 2>&1)
	big=$(printf '%s\n' "$ST" | sed -n 's/^    "big": "\(x*\)",$/\1/p' | awk '{ print length($0) }')
	last=$(printf '%s\n' "$ST" | sed -n 's/^    "last": "\(.*\)"$/\1/p')
	check_eq state-annotations-limit "exit 0: 65524 z: " "exit $RC: $big $last: $ERR"
	check_has list-annotations-limit "\"big\":\"$v\",\"last\":\"z\"}" "$("$RT" list --format json 2>&1)"
	check_has hook-annotations-limit "\"big\":\"$v\",\"last\":\"z\"}" "$(cat "$TMPD/annhook" 2>&1)"
	"$RT" delete -f "$ID" > /dev/null 2>&1
	C_TOP_EXTRA=", \"annotations\": { \"big\": \"${v}x\", \"last\": \"z\" }" \
		create_ct annover 'sleep 100'
	if need_rt_only state-annotations-over; then
		check_eq state-annotations-over "exit 1: rt: config.json: annotations: more than 65536 bytes stored as JSON (raise CONFIG_MAX_ANNOTATIONS_SIZE)" "exit $RC: $ERR"
		nothing_left state-annotations-over-nothing-left "$ID"
	fi
}

# ---- list ----------------------------------------------------------------------

# two_cts: ANNOT created (annot_ct), RUNID running (pid RUNPID)
two_cts() {
	annot_ct
	start_ct list-a-much-longer-id 'sleep 100'
	RUNID=$ID RUNPID=$PID
}

t_list_table() {
	two_cts
	L=$("$RT" list 2>&1)
	check_eq list-lines 3 "$(printf '%s\n' "$L" | wc -l | tr -d ' ')"
	check_match list-header '^ID +PID +STATUS +BUNDLE +CREATED +OWNER$' "$L"
	# runc's tabwriter: each column max(12, widest cell + 3), the last unpadded;
	# re-render the fields that way and compare the whole table
	want=$(printf '%s\n' "$L" | awk '
		{ for (i = 1; i <= NF; i++) { c[NR, i] = $i; if (length($i) + 3 > w[i]) w[i] = length($i) + 3 }
		  if (NF > nf) nf = NF }
		END { for (r = 1; r <= NR; r++) { s = ""
			for (i = 1; i < nf; i++) s = s sprintf("%-" (w[i] < 12 ? 12 : w[i]) "s", c[r, i])
			print s c[r, nf] } }')
	check_eq list-aligned "$want" "$L"
	check_eq list-fields-6 "6 6 6" "$(echo $(printf '%s\n' "$L" | awk '{ print NF }'))"
	row=$(printf '%s\n' "$L" | awk -v id="$RUNID" '$1 == id')
	check_eq list-row-running "$RUNID $RUNPID running $B" "$(echo "$row" | awk '{ print $1, $2, $3, $4 }')"
	check_match list-created-format "$CREATED_RE" "$(echo "$row" | awk '{ print $5 }')"
	check_eq list-owner root "$(echo "$row" | awk '{ print $6 }')"
	check_eq list-q "$(printf '%s\n%s\n' "$ANNOT" "$RUNID" | sort)" "$("$RT" list -q 2>&1 | sort)"
}

t_list_json() {
	two_cts
	J=$("$RT" list --format json 2>&1)
	check_eq list-json-one-line 1 "$(printf '%s\n' "$J" | wc -l | tr -d ' ')"
	check_match list-json-array '^\[\{.*\}\]$' "$J"
	check_eq list-json-newline 1 "$("$RT" list --format json 2>&1 | tail -c 1 | wc -l | tr -d ' ')"
	# one object a line, for grep
	objs=$(printf '%s\n' "$J" | sed 's/^\[//; s/\]$//; s/},{"ociVersion"/}\n{"ociVersion"/g')
	o=$(printf '%s\n' "$objs" | grep "\"id\":\"$RUNID\"")
	check_has list-json-status '"status":"running"' "$o"
	check_has list-json-pid "\"pid\":$RUNPID," "$o"
	check_has list-json-bundle "\"bundle\":\"$B\"" "$o"
	check_match list-json-created "\"created\":\"$CREATED_TIME\"" "$o"
	check_has list-json-owner '"owner":"root"' "$o"
	o=$(printf '%s\n' "$objs" | grep "\"id\":\"$ANNOT\"")
	check_has list-json-status-created '"status":"created"' "$o"
	check_has list-json-annotations '"annotations":{"org.example.k":"v1","q":"say \"hi\""}' "$o"
}

# ---- ps ------------------------------------------------------------------------

t_ps_running() {
	need_feature ps-running CONFIG_PS || return 0
	start_ct psrun 'sleep 100'
	RUNID=$ID RUNPID=$PID
	P=$("$RT" ps --format json "$RUNID" 2>&1)
	check_match ps-json-array '^\[[0-9]+(,[0-9]+)*\]$' "$P"
	check_eq ps-json-newline 1 "$("$RT" ps --format json "$RUNID" 2>&1 | tail -c 1 | wc -l | tr -d ' ')"
	check_eq ps-json-has-init "$RUNPID" "$(printf '%s\n' "$P" | json_ints | grep -x "$RUNPID")"
	P=$("$RT" ps "$RUNID" 2>&1)
	# a table from the host's ps (procps or busybox): a PID column, the init in it
	check_match ps-table-header '(^| )PID( |$)' "$(echo "$P" | sed -n 1p)"
	check_eq ps-table-init "$RUNPID" "$(echo "$P" | awk -v p="$RUNPID" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == "PID") c = i; next }
		c && $c == p { print $c }')"
}

# ---- delete ----------------------------------------------------------------------

t_delete_running() {
	start_ct delrun 'sleep 100'
	RUNID=$ID RUNPID=$PID
	e=$("$RT" delete "$RUNID" 2>&1); rc=$?
	check_eq delete-running-rc 1 "$rc"
	check_has delete-running-msg "cannot delete container $RUNID that is not stopped: running" "$e"
	check_eq delete-running-still-running running "$(ct_status "$RUNID")"

	e=$("$RT" delete -f "$RUNID" 2>&1); rc=$?
	check_eq delete-force-running "exit 0: " "exit $rc: $e"
	check_eq delete-force-list-empty "" "$("$RT" list -q 2>&1)"
	pids_gone delete-force-init-gone "$RUNPID"
	ID=$RUNID after delete-force
}

# the created (never started) container: plain delete is allowed
t_delete_created() {
	annot_ct
	apid=$(ct_pid "$ANNOT")
	e=$("$RT" delete "$ANNOT" 2>&1); rc=$?
	check_eq delete-created "exit 0: " "exit $rc: $e"
	check_eq delete-created-status none "$(ct_status "$ANNOT")"
	pids_gone delete-created-init-gone "$apid"
	ID=$ANNOT after delete-created
}

t_delete_nonexistent() {
	e=$("$RT" delete "t$$-nonexistent" 2>&1); rc=$?
	check_eq delete-nonexistent-rc 1 "$rc"
	check_has delete-nonexistent-msg "container does not exist" "$e"
	e=$("$RT" delete --force "t$$-nonexistent" 2>&1); rc=$?
	check_eq delete-force-nonexistent "exit 0: " "exit $rc: $e"
}

# delete -f of a container whose init has children: every process goes
t_delete_force_family() {
	need_feature delete-force-family CONFIG_PS || return 0
	if start_ct delfam 'sleep 1000 & sleep 1000 & echo ready; wait'; then
		poll file_has "$TMPD/delfam.out" ready
		have3() { [ "$(ps_pids "$ID" | wc -l)" -ge 3 ]; }
		poll have3
		pids=$(ps_pids "$ID")
		check_eq delete-force-family-ps 3 "$(echo "$pids" | wc -l | tr -d ' ')"
		"$RT" delete -f "$ID" > /dev/null 2>&1
		pids_gone delete-force-family-gone $pids
		after delete-force-family
	fi
}

# ---- kill ----------------------------------------------------------------------

t_kill_default() {
	if start_ct killterm "trap 'echo got-TERM; exit 0' TERM; echo ready; while :; do sleep 0.1; done"; then
		poll file_has "$TMPD/killterm.out" ready
		# signal 0: runc accepts it (kill(2)'s existence check)
		e=$("$RT" kill "$ID" 0 2>&1)
		check_eq kill-0 "exit 0: " "exit $?: $e"
		check_eq kill-0-still-running running "$(ct_status "$ID")"
		e=$("$RT" kill "$ID" 2>&1)
		check_eq kill-default "exit 0: " "exit $?: $e"
		wait_status kill-default-stopped "$ID" stopped
		check_eq kill-default-is-TERM "ready got-TERM" "$(echo $(cat "$TMPD/killterm.out"))"
		"$RT" delete "$ID"
		after kill-default
	fi
}

# the default SIGTERM to a created container: runc's waiting init (runc init,
# Go) dies of it, so the container is stopped
t_kill_created() {
	create_ct killcreated 'sleep 100'
	e=$("$RT" kill "$ID" 2>&1)
	check_eq kill-created "exit 0: " "exit $?: $e"
	wait_status kill-created-stopped "$ID" stopped
	"$RT" delete -f "$ID"
	after kill-created
}

# kill_sig SIGNAL: kill a running container with SIGNAL (a name or number)
kill_sig() {
	s=$1
	start_ct "kill$s" 'sleep 100' || return 0
	e=$("$RT" kill "$ID" "$s" 2>&1)
	check_eq "kill-$s" "exit 0: " "exit $?: $e"
	wait_status "kill-$s-stopped" "$ID" stopped
	"$RT" delete "$ID"
	pids_gone "kill-$s-gone" "$PID"
}
t_kill_KILL() { kill_sig KILL; }
t_kill_SIGKILL() { kill_sig SIGKILL; }
t_kill_9() { kill_sig 9; }

t_kill_all() {
	need_feature kill-all CONFIG_PS || return 0
	if start_ct killall 'sleep 1000 & sleep 1000 & echo ready; wait'; then
		poll file_has "$TMPD/killall.out" ready
		have3() { [ "$(ps_pids "$ID" | wc -l)" -ge 3 ]; }
		poll have3
		pids=$(ps_pids "$ID")
		check_eq kill-all-ps-before 3 "$(echo "$pids" | wc -l | tr -d ' ')"
		e=$("$RT" kill --all "$ID" 9 2>&1)
		check_eq kill-all "exit 0: " "exit $?: $e"
		wait_status kill-all-stopped "$ID" stopped
		pids_gone kill-all-every-process $pids
		"$RT" delete "$ID"
		after kill-all
	fi
}

# ---- pid files and run -d ---------------------------------------------------------

# relative to the caller's cwd, not the bundle
t_pid_file_create() {
	mkdir "$TMPD/cwd"
	ID=$(newid pidfile); track "$ID"
	sh_config 'sleep 100'
	(cd "$TMPD/cwd" && "$RT" create --bundle "$B" --pid-file rel.pid "$ID" \
		< /dev/null > /dev/null 2>&1)
	pid=$(ct_pid "$ID")
	check_eq pid-file-create "$pid" "$(cat "$TMPD/cwd/rel.pid" 2>&1)"
	check_eq pid-file-no-newline "${#pid}" "$(($(wc -c < "$TMPD/cwd/rel.pid")))"
	"$RT" delete -f "$ID"
	after pid-file-create
}

t_run_d() {
	ID=$(newid rund); track "$ID"
	sh_config 'echo detached-out; sleep 100'
	t0=$(date +%s)
	timeout "$T_TIMEOUT" "$RT" run -d --bundle "$B" --pid-file "$TMPD/rund.pid" "$ID" \
		< /dev/null > "$TMPD/rund.out" 2> "$TMPD/rund.err"
	rc=$?
	t1=$(date +%s)
	check_eq run-d "exit 0: " "exit $rc: $(cat "$TMPD/rund.err")"
	if [ $((t1 - t0)) -lt 5 ]; then ok run-d-returns-at-once
	else fail run-d-returns-at-once "under 5s" "$((t1 - t0))s"; fi
	check_eq run-d-running running "$(ct_status "$ID")"
	pid=$(ct_pid "$ID")
	check_eq run-d-pid-file "$pid" "$(cat "$TMPD/rund.pid" 2>&1)"
	check_eq run-d-pid-file-no-newline "${#pid}" "$(($(wc -c < "$TMPD/rund.pid")))"
	poll file_has "$TMPD/rund.out" detached-out
	check_eq run-d-stdout detached-out "$(cat "$TMPD/rund.out")"
	"$RT" delete -f "$ID"
	pids_gone run-d-gone "$pid"
	after run-d
}

# ---- container ids ----------------------------------------------------------------

t_id_invalid() {
	sh_config 'sleep 100'
	for bad in 'bad/id' '..' 'a b'; do
		n=$(echo "$bad" | tr '/. ' 'sdb')
		e=$("$RT" create --bundle "$B" "$bad" < /dev/null 2>&1); rc=$?
		check_eq "id-invalid-$n-rc" 1 "$rc"
		check_has "id-invalid-$n-msg" "invalid container ID format" "$e"
		check_eq "id-invalid-$n-nothing" "" "$(ls -A "$LC_ROOT" 2>/dev/null; "$RT" list -q 2>&1)"
	done
}

t_id_exists() {
	create_ct dup 'sleep 100'
	e=$("$RT" create --bundle "$B" "$ID" < /dev/null 2>&1); rc=$?
	check_eq id-exists-rc 1 "$rc"
	check_has id-exists-msg "container with given ID already exists" "$e"
	check_eq id-exists-still-created created "$(ct_status "$ID")"
	"$RT" delete -f "$ID"
	after id-exists
}

# two creates of one id at once: one wins, the other says "already exists"
# (rt may serialise them on its lock, with the same outcome).  runc 1.1.5
# races here: both may fail ("exec fifo ... already exists", "unable to store
# init state"), or the loser removes the winner's state dir.
t_id_race() {
	bad=
	need_rt_only id-race-one-wins || return 0
	sh_config 'sleep 100'
	for r in 1 2 3 4 5; do
		ID=$(newid "race$r"); track "$ID"
		"$RT" create --bundle "$B" "$ID" < /dev/null > "$TMPD/race1" 2>&1 & p1=$!
		"$RT" create --bundle "$B" "$ID" < /dev/null > "$TMPD/race2" 2>&1 & p2=$!
		wait $p1; r1=$?
		wait $p2; r2=$?
		case $r1$r2 in
		01) e=$(cat "$TMPD/race2") ;;
		10) e=$(cat "$TMPD/race1") ;;
		*) e="exits $r1 $r2: $(cat "$TMPD/race1") | $(cat "$TMPD/race2")" ;;
		esac
		case $r1$r2:$e in
		01:*"already exists"*|10:*"already exists"*) ;;
		*) bad="$bad round $r: $e;" ;;
		esac
		l=$("$RT" list -q 2>&1)
		[ "$l" = "$ID" ] || bad="$bad round $r list: $l;"
		"$RT" delete -f "$ID" > /dev/null 2>&1
		[ -e "$LC_ROOT/$ID" ] && bad="$bad round $r: state dir left;"
		[ -n "$("$RT" list -q 2>&1)" ] && bad="$bad round $r: listed after delete -f;"
	done
	check_eq id-race-one-wins "" "$bad"
	after id-race
}

# ---- pid reuse: status from pid + start time ------------------------------------------

t_pid_reuse() {
	if need_rt_only pid-reuse && start_ct pidreuse 'sleep 100'; then
		kill -9 "$PID"
		wait_status pid-reuse-host-kill-stopped "$ID" stopped
		ST=$("$RT" state "$ID" 2>&1)
		check_eq pid-reuse-state-pid 0 "$(state_field pid)"
		check_eq pid-reuse-list-stopped "stopped 0" \
			"$("$RT" list 2>&1 | awk -v id="$ID" '$1 == id { print $3, $2 }')"
		# give a host process that pid through ns_last_pid (the kernel may
		# refuse): rt must tell it from the init by its start time
		reused=
		gone() { [ ! -e "/proc/$PID" ]; }
		if poll gone; then
			for try in 1 2 3 4 5 6 7 8 9 10; do
				echo $((PID - 1)) 2>/dev/null > /proc/sys/kernel/ns_last_pid || break
				sleep 100 & q=$!
				[ "$q" = "$PID" ] && { reused=$q; break; }
				kill $q; wait $q 2>/dev/null
			done
		fi
		if [ -n "$reused" ]; then
			check_eq pid-reuse-other-process "stopped 0" \
				"$("$RT" list 2>&1 | awk -v id="$ID" '$1 == id { print $3, $2 }')"
			kill $reused; wait $reused 2>/dev/null
		else
			skip pid-reuse-other-process "could not give pid $PID to a new process (ns_last_pid)"
		fi
		"$RT" delete "$ID"
		after pid-reuse
	fi
}

# ---- failed creates leave nothing ------------------------------------------------

t_create_bad_mount() {
	C_MOUNTS_EXTRA=', { "destination": "/mnt", "type": "bind", "source": "/nonexistent-rt-test", "options": [ "rbind" ] }' \
		create_ct badmount 'sleep 100'
	check_eq create-bad-mount-fails 1 "$([ "$RC" != 0 ] && echo 1 || echo "$RC")"
	check_eq create-bad-mount-not-listed "" "$("$RT" list -q 2>&1)"
	after create-bad-mount
}

t_create_no_exe() {
	ID=$(newid noexe); track "$ID"
	C_ARGS='"/no/such/exe"' mkconfig "$B"
	timeout "$T_TIMEOUT" "$RT" create --bundle "$B" "$ID" < /dev/null > "$TMPD/noexe.out" 2>&1
	rc=$?
	check_eq create-no-exe-fails 1 "$([ "$rc" != 0 ] && echo 1 || echo "$rc")"
	check_has create-no-exe-msg "no such file or directory" "$(tr A-Z a-z < "$TMPD/noexe.out")"
	check_eq create-no-exe-not-listed "" "$("$RT" list -q 2>&1)"
	after create-no-exe
}

# rt killed at once when its state dir appears, and then after 1..10ms
# (before the state file, between it and the end of create, or after):
# delete --force must still clean up everything
t_create_sigkill() {
	if need_rt_only create-sigkill; then
		sh_config 'sleep 100'
		r=0
		for d in 0 0 0.001 0.002 0.003 0.005 0.01; do
			r=$((r + 1))
			ID=$(newid "sigkill$r"); track "$ID"
			"$RT" create --bundle "$B" "$ID" < /dev/null > /dev/null 2>&1 & p=$!
			i=0
			while [ ! -e "$LC_ROOT/$ID" ] && [ $i -lt 20000 ]; do i=$((i + 1)); done
			[ "$d" = 0 ] || sleep "$d"
			kill -9 $p 2>/dev/null
			wait $p 2>/dev/null
			"$RT" delete --force "$ID" > "$TMPD/sigkill.err" 2>&1
			check_eq "create-sigkill-$r-delete" "exit 0: " "exit $?: $(cat "$TMPD/sigkill.err")"
			check_eq "create-sigkill-$r-not-listed" "" "$("$RT" list -q 2>&1)"
			after "create-sigkill-$r"
		done
	fi
}

# ---- console socket -----------------------------------------------------------------

# console_probe NAME: a terminal container created with no console socket
# (RC, ERR); skip NAME (return 1) when terminal support is compiled out, or
# tests/recvtty is not built
console_probe() {
	if [ ! -x "$RECVTTY" ]; then
		skip "$1" "tests/recvtty not built (make check builds it)"
		return 1
	fi
	C_TERMINAL=true create_ct nosock 'tty'
	case $ERR in
	*"not in this build"*)
		skip "$1" "terminal support compiled out: $ERR"
		return 1 ;;
	esac
	return 0
}

t_console_required() {
	console_probe console-socket || return 0
	check_eq console-required-rc 1 "$([ "$RC" != 0 ] && echo 1 || echo "$RC")"
	check_has console-required-msg "cannot allocate tty if runc will detach without setting console socket" "$ERR"
	check_eq console-required-not-listed "" "$("$RT" list -q 2>&1)"
	after console-required
}

t_console() {
	console_probe console-create || return 0
	if recv_start "$TMPD/con.out"; then
		C_TERMINAL=true create_ct console 'tty; echo hello-console' \
			--console-socket "$SOCK"
		check_eq console-create "exit 0: " "exit $RC: $ERR"
		[ "$RC" = 0 ] || kill $RPID
		"$RT" start "$ID"
		wait $RPID
		check_eq console-recvtty-exit 0 "$?"
		o=$(tr -d '\r' < "$TMPD/con.out")
		check_match console-tty '^/dev/pts/0$' "$o"
		check_match console-output '^hello-console$' "$o"
		wait_status console-stopped "$ID" stopped
		"$RT" delete "$ID"
		after console
	else
		fail console-recvtty "socket $SOCK" "none"
	fi
}

t_console_run_d() {
	console_probe console-run-d || return 0
	if recv_start "$TMPD/cond.out"; then
		ID=$(newid rundcon); track "$ID"
		C_TERMINAL=true sh_config 'tty; echo hello-detached'
		timeout "$T_TIMEOUT" "$RT" run -d --console-socket "$SOCK" --bundle "$B" "$ID" \
			< /dev/null > "$TMPD/rundcon.out" 2>&1
		rc=$?
		check_eq console-run-d "exit 0: " "exit $rc: $(cat "$TMPD/rundcon.out")"
		[ "$rc" = 0 ] || kill $RPID
		wait $RPID
		o=$(tr -d '\r' < "$TMPD/cond.out")
		check_match console-run-d-tty '^/dev/pts/0$' "$o"
		check_match console-run-d-output '^hello-detached$' "$o"
		wait_status console-run-d-stopped "$ID" stopped
		"$RT" delete "$ID"
		after console-run-d
	else
		fail console-run-d-recvtty "socket $SOCK" "none"
	fi
}

# --pidfd-socket (runc 1.2; rt only: runc 1.1.5 has no such flag): after
# create, run -d and exec, a pidfd of the new process arrives on the socket;
# a signal sent through it reaches that process
pidfd_recv() {	# pidfd_recv SIG: recvtty -p SIG on $TMPD/pidfd.sock ($RPID)
	SOCK=$TMPD/pidfd.sock
	rm -f "$SOCK" "$TMPD/pidfd.out"
	timeout "$T_TIMEOUT" "$RECVTTY" -o "$TMPD/pidfd.out" -p "$1" "$SOCK" &
	RPID=$!
	poll test -S "$SOCK"
}
t_pidfd_socket() {
	need_feature pidfd-socket CONFIG_EXEC || return 0
	need_rt_only pidfd-socket || return 0
	pidfd_recv 0
	create_ct pidfd 'sleep 100' --pidfd-socket "$SOCK"
	check_eq pidfd-socket-create "exit 0: " "exit $RC: $ERR"
	wait $RPID
	check_eq pidfd-socket-create-pid "pid $(ct_pid "$ID")" "$(cat "$TMPD/pidfd.out")"
	"$RT" delete -f "$ID"
	after pidfd-socket-create
	pidfd_recv 9
	ID=$(newid pidfdrun); track "$ID"
	sh_config 'sleep 100'
	e=$("$RT" run -d --pidfd-socket "$SOCK" --bundle "$B" "$ID" 2>&1 < /dev/null)
	check_eq pidfd-socket-run-d "exit 0: " "exit $?: $e"
	wait $RPID
	wait_status pidfd-socket-killed "$ID" stopped
	"$RT" delete "$ID"
	after pidfd-socket-run-d
	start_ct pidfdexec 'sleep 100' || return 0
	pidfd_recv 0
	ex -d --pid-file "$TMPD/exec.pid" --pidfd-socket "$SOCK" "$ID" sleep 50
	wait $RPID
	check_eq pidfd-socket-exec "exit 0: pid $(cat "$TMPD/exec.pid" 2>&1)" "exit $RC: $(cat "$TMPD/pidfd.out")"
	"$RT" delete -f "$ID"
	after pidfd-socket-exec
	ID=$(newid pidfdnone); track "$ID"
	e=$("$RT" run -d --pidfd-socket "$TMPD/nope.sock" --bundle "$B" "$ID" 2>&1 < /dev/null)
	check_eq pidfd-socket-missing "exit 1: rt: connect to pidfd-socket $TMPD/nope.sock: No such file or directory" "exit $?: $e"
	after pidfd-socket-missing
}

# ---- the log file -------------------------------------------------------------------

t_log_json() {
	need_feature log-json CONFIG_LOG_JSON || return 0
	"$RT" --log "$TMPD/log.json" --log-format json delete "t$$-nolog" > /dev/null 2>&1
	l=$(tail -n 1 "$TMPD/log.json" 2>&1)
	check_match log-json-object '^\{.*\}$' "$l"
	check_has log-json-level '"level":"error"' "$l"
	check_match log-json-msg '"msg":"[^"]*container does not exist' "$l"
	check_match log-json-time '"time":"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})"' "$l"
}

t_log_text() {
	"$RT" --log "$TMPD/log.txt" --log-format text delete "t$$-nolog" > /dev/null 2>&1
	l=$(tail -n 1 "$TMPD/log.txt" 2>&1)
	check_match log-text 'level=error msg="[^"]*container does not exist' "$l"
	check_match log-text-time '^time="[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]+' "$l"
}

# ---- "created" of many containers: 1 in 10 has a trailing zero to drop

t_created_format() {
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do
		create_ct "created$i" 'sleep 100'
		"$RT" delete -f "$ID" > /dev/null 2>&1
	done
	check_eq created-format-all "" "$(grep -Ev "$CREATED_RE" "$TMPD/created.all")"
	n=$(($(wc -l < "$TMPD/created.all")))
	check_eq created-format-ten-or-more yes "$([ "$n" -ge 10 ] && echo yes || echo "$n")"
}

# ---- examples/init.d/rt, for one container ---------------------------------------------------------------

t_rt_init() {
	INIT=$TOP/examples/init.d/rt
	if [ ! -f "$INIT" ]; then
		fail rt-init "examples/init.d/rt" "missing"
	else
		ID=$(newid rtinit); track "$ID"
		sh_config "trap 'exit 0' TERM; while :; do sleep 0.1; done"
		export BUNDLE="$B" ID RT PIDFILE="$TMPD/rtinit.pid" STOP_TIMEOUT=5
		ri() { sh "$INIT" "$@" > "$TMPD/ri.out" 2>&1; RC=$?; OUT=$(cat "$TMPD/ri.out"); }
		ri status
		check_eq rt-init-status-before "exit 3: $ID: stopped" "exit $RC: $OUT"
		ri start
		check_eq rt-init-start "exit 0" "exit $RC"
		check_eq rt-init-running running "$(ct_status "$ID")"
		check_eq rt-init-pidfile "$(ct_pid "$ID")" "$(cat "$PIDFILE" 2>&1)"
		ri status
		check_eq rt-init-status-running "exit 0: $ID: running" "exit $RC: $OUT"
		ri stop
		check_eq rt-init-stop "exit 0" "exit $RC"
		check_eq rt-init-stop-deleted none "$(ct_status "$ID")"
		ri status
		check_eq rt-init-status-after "exit 3: $ID: stopped" "exit $RC: $OUT"
		after rt-init
		unset BUNDLE PIDFILE STOP_TIMEOUT
	fi
}
