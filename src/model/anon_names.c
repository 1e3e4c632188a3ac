/* anon_names.c — words for the numbers of anon-inode descriptors: timerfd clocks and epoll
 * event bits (see kernel_names.h). */
#include "model/kernel_names.h"

#include <sys/epoll.h>
#include <time.h>

const char *clock_id_name(int id)
{
	switch (id) {
	case CLOCK_REALTIME: return "realtime";
	case CLOCK_MONOTONIC: return "monotonic";
	case CLOCK_BOOTTIME: return "boottime";
	case CLOCK_REALTIME_ALARM: return "realtime_alarm";
	case CLOCK_BOOTTIME_ALARM: return "boottime_alarm";
	default: return NULL;
	}
}

const char *epoll_event_name(uint32_t bit)
{
	switch (bit) {
	case EPOLLIN: return "in";
	case EPOLLPRI: return "pri";
	case EPOLLOUT: return "out";
	case EPOLLERR: return "err";
	case EPOLLHUP: return "hup";
	case EPOLLRDNORM: return "rdnorm";
	case EPOLLRDBAND: return "rdband";
	case EPOLLWRNORM: return "wrnorm";
	case EPOLLWRBAND: return "wrband";
	case EPOLLMSG: return "msg";
	case EPOLLRDHUP: return "rdhup";
	case EPOLLEXCLUSIVE: return "exclusive";
	case EPOLLWAKEUP: return "wakeup";
	case EPOLLONESHOT: return "oneshot";
	case EPOLLET: return "et";
	default: return NULL;
	}
}
