#!/bin/sh
# rt-init.sh: an /etc/init.d script (busybox init style) for one container.
# Copy it to /etc/init.d/S50web or similar and set the variables below; they
# may also come from the environment.
#
#	rt-init.sh start|stop|restart|status
#
# start    `rt run -d` the bundle, the init's pid in $PIDFILE
# stop     SIGTERM, up to $STOP_TIMEOUT seconds for it to exit, then SIGKILL;
#          then delete the container
# status   prints "running" or "stopped"; exits 0 or 3, like LSB
#
# The container's stdio is $LOG.  $RT is left unquoted so it may carry
# global options, e.g. RT="rt --root /var/run/rt".

: "${RT:=rt}"
: "${BUNDLE:=/srv/containers/web}"
: "${ID:=web}"
: "${PIDFILE:=/var/run/rt-$ID.pid}"
: "${LOG:=/dev/null}"
: "${STOP_TIMEOUT:=10}"

# the container's status from `rt state`, or nothing if there is none
ct_status() {
	$RT state "$ID" 2>/dev/null | sed -n 's/^ *"status": *"\([a-z]*\)".*/\1/p'
}

# wait_stopped SECONDS: poll every 0.1s until the container is not running
wait_stopped() {
	n=$(($1 * 10))
	while [ "$n" -gt 0 ]; do
		case $(ct_status) in running|paused|pausing) ;; *) return 0 ;; esac
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

do_start() {
	case $(ct_status) in
	running)
		echo "$ID: already running"
		return 0 ;;
	"") ;;
	*)	# stopped or created: a leftover of an earlier run
		$RT delete --force "$ID" > /dev/null 2>&1 ;;
	esac
	if ! $RT run -d --bundle "$BUNDLE" --pid-file "$PIDFILE" "$ID" \
		< /dev/null >> "$LOG" 2>&1; then
		echo "$ID: start failed (see $LOG)" >&2
		return 1
	fi
}

do_stop() {
	if [ -z "$(ct_status)" ]; then
		rm -f "$PIDFILE"
		return 0
	fi
	if [ "$(ct_status)" = running ]; then
		$RT kill "$ID" TERM 2>/dev/null
		if ! wait_stopped "$STOP_TIMEOUT"; then
			echo "$ID: no exit after SIGTERM, sending SIGKILL" >&2
			$RT kill "$ID" KILL 2>/dev/null
			wait_stopped 5
		fi
	fi
	# --force for a container still created (never started) or stuck
	if ! $RT delete --force "$ID"; then
		echo "$ID: delete failed" >&2
		return 1
	fi
	rm -f "$PIDFILE"
}

do_status() {
	if [ "$(ct_status)" = running ]; then
		echo running
		return 0
	fi
	echo stopped
	return 3
}

case $1 in
start)	do_start ;;
stop)	do_stop ;;
restart) do_stop && do_start ;;
status)	do_status ;;
*)	echo "usage: $0 start|stop|restart|status" >&2
	exit 2 ;;
esac
