//! Read and write timeouts on a request's connection, and an end to an abandoned one.
//! `tiny_http` does not hand out its sockets (and a timeout on the listening socket
//! would end its accept loop), so on Linux the connection is found among the process's
//! descriptors by its two addresses. Elsewhere: no timeout.

use std::net::SocketAddr;
use std::time::Duration;

/// Read and write timeouts on a request's connection, so that a silent client cannot
/// hold a worker for ever.
#[cfg(target_os = "linux")]
pub fn set_timeouts(peer: Option<&SocketAddr>, local: SocketAddr, t: Duration) {
    let tv = libc::timeval {
        tv_sec: t.as_secs() as libc::time_t,
        tv_usec: 0,
    };
    if let Some(fd) = peer.and_then(|p| connection_fd(p, local)) {
        for opt in [libc::SO_RCVTIMEO, libc::SO_SNDTIMEO] {
            // SAFETY: a socket descriptor, a valid timeval of the size given.
            unsafe {
                libc::setsockopt(
                    fd,
                    libc::SOL_SOCKET,
                    opt,
                    (&tv as *const libc::timeval).cast(),
                    std::mem::size_of::<libc::timeval>() as libc::socklen_t,
                );
            }
        }
    }
}

/// Ends an abandoned connection (both directions); its descriptors stay open.
#[cfg(target_os = "linux")]
pub fn shut_down(peer: Option<&SocketAddr>, local: SocketAddr) {
    if let Some(fd) = peer.and_then(|p| connection_fd(p, local)) {
        // SAFETY: shutting down a socket descriptor; it is not closed.
        unsafe {
            libc::shutdown(fd, libc::SHUT_RDWR);
        }
    }
}

#[cfg(not(target_os = "linux"))]
pub fn shut_down(_: Option<&SocketAddr>, _: SocketAddr) {}

/// The descriptor of the connection from `peer` to the server's port.
#[cfg(target_os = "linux")]
fn connection_fd(peer: &SocketAddr, local: SocketAddr) -> Option<i32> {
    std::fs::read_dir("/proc/self/fd")
        .ok()?
        .flatten()
        .filter_map(|e| e.file_name().to_str().and_then(|s| s.parse::<i32>().ok()))
        .find(|&fd| {
            sock_addr(fd, true).as_ref() == Some(peer)
                && sock_addr(fd, false).map(|a| a.port()) == Some(local.port())
        })
}

/// The peer's (or the local) address of a TCP socket descriptor.
#[cfg(target_os = "linux")]
fn sock_addr(fd: i32, peer: bool) -> Option<SocketAddr> {
    use std::net::{Ipv4Addr, Ipv6Addr, SocketAddrV6};
    // SAFETY: sockaddr_storage is plain data; the calls write at most `len` bytes.
    let mut ss: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    let ptr = (&mut ss as *mut libc::sockaddr_storage).cast::<libc::sockaddr>();
    let rc = unsafe {
        if peer {
            libc::getpeername(fd, ptr, &mut len)
        } else {
            libc::getsockname(fd, ptr, &mut len)
        }
    };
    if rc != 0 {
        return None;
    }
    match ss.ss_family as i32 {
        libc::AF_INET => {
            // SAFETY: the family says the storage holds a sockaddr_in.
            let a = unsafe { *(&ss as *const libc::sockaddr_storage).cast::<libc::sockaddr_in>() };
            let ip = Ipv4Addr::from(u32::from_be(a.sin_addr.s_addr));
            Some(SocketAddr::new(ip.into(), u16::from_be(a.sin_port)))
        }
        libc::AF_INET6 => {
            // SAFETY: the family says the storage holds a sockaddr_in6.
            let a = unsafe { *(&ss as *const libc::sockaddr_storage).cast::<libc::sockaddr_in6>() };
            let ip = Ipv6Addr::from(a.sin6_addr.s6_addr);
            Some(SocketAddr::V6(SocketAddrV6::new(
                ip,
                u16::from_be(a.sin6_port),
                a.sin6_flowinfo,
                a.sin6_scope_id,
            )))
        }
        _ => None,
    }
}

#[cfg(not(target_os = "linux"))]
pub fn set_timeouts(_: Option<&SocketAddr>, _: SocketAddr, _: Duration) {}
