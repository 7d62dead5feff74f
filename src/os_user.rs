//! Who is at the keyboard: the operating-system account the config maps to a role and the audit
//! log names. On Unix it comes from the process's real user id, so setting `USER` cannot turn an
//! inspector into an operator; elsewhere (and if the id has no account) from the environment.

/// The account name, or "unknown".
pub fn name() -> String {
    from_user_id()
        .or_else(from_environment)
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(unix)]
fn from_user_id() -> Option<String> {
    let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
    let mut buffer = vec![0 as libc::c_char; 16 * 1024];
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: getpwuid_r writes only into `entry` and `buffer` (whose length it is told) and sets
    // `found` to `&entry` or null; the name is read before either goes out of scope.
    unsafe {
        let status = libc::getpwuid_r(
            libc::getuid(),
            &mut entry,
            buffer.as_mut_ptr(),
            buffer.len(),
            &mut found,
        );
        if status != 0 || found.is_null() || entry.pw_name.is_null() {
            return None;
        }
        std::ffi::CStr::from_ptr(entry.pw_name)
            .to_str()
            .ok()
            .map(str::to_string)
    }
}

#[cfg(not(unix))]
fn from_user_id() -> Option<String> {
    None
}

fn from_environment() -> Option<String> {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok())
}
