//! Reading response bodies with a bound, and the few KiB of them that errors keep.
//!
//! A body is read chunk by chunk and reading stops at a limit, so that a server sending
//! 50 MB with a 500 (or an endless 200) costs a bounded amount of memory and time; what was
//! not read is counted from `Content-Length` when the server sent one.

use crate::error::RAW_BODY_KEPT;
use bytes::{Bytes, BytesMut};

/// How much of a body outside 2xx is read: enough for any error document, small enough that
/// a huge one is not waited for. Of this, errors keep [`RAW_BODY_KEPT`] bytes.
pub(crate) const ERROR_BODY_READ_LIMIT: usize = 64 * 1024;

/// What is known of the bytes past the limit that were not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unread {
    /// None: the body was read to its end.
    Nothing,
    /// Exactly this many, from `Content-Length`.
    Exactly(u64),
    /// At least this many (what the last chunk held past the limit); the server sent no
    /// length.
    AtLeast(u64),
}

/// A body read up to a limit.
pub(crate) struct Bounded {
    /// At most the limit's worth of bytes from the start of the body.
    pub(crate) bytes: Bytes,
    /// What was left.
    pub(crate) unread: Unread,
}

/// Reads `response`'s body up to `limit` bytes; the rest is counted, not read.
pub(crate) async fn read_bounded(
    response: &mut reqwest::Response,
    limit: usize,
) -> Result<Bounded, reqwest::Error> {
    let declared = response.content_length();
    let mut chunks: Vec<Bytes> = Vec::new();
    let mut read = 0usize;
    let mut unread = Unread::Nothing;
    while let Some(chunk) = response.chunk().await? {
        let room = limit - read;
        if chunk.len() > room {
            // Past the limit: keep what fits and stop reading; dropping the response then
            // closes the connection rather than draining it.
            unread = match declared {
                Some(length) => Unread::Exactly(length.saturating_sub(limit as u64)),
                None => Unread::AtLeast((chunk.len() - room) as u64),
            };
            chunks.push(chunk.slice(..room));
            break;
        }
        read += chunk.len();
        chunks.push(chunk);
        if read == limit
            && let Some(length) = declared.filter(|length| *length > limit as u64)
        {
            // Full, and the server said there is more: no need to wait for it.
            unread = Unread::Exactly(length - limit as u64);
            break;
        }
    }
    // Most bodies come in one chunk, kept as it came; more are copied into one buffer.
    let bytes = match chunks.len() {
        0 => Bytes::new(),
        1 => chunks.pop().unwrap_or_default(),
        _ => {
            let mut joined = BytesMut::with_capacity(chunks.iter().map(Bytes::len).sum());
            for chunk in &chunks {
                joined.extend_from_slice(chunk);
            }
            joined.freeze()
        }
    };
    Ok(Bounded { bytes, unread })
}

/// At most the first [`RAW_BODY_KEPT`] bytes of `bytes` as text (lossy UTF-8, cut on a
/// character boundary), then `… and N more bytes` for what was left out, counting `unread`.
pub(crate) fn excerpt(bytes: &[u8], unread: Unread) -> String {
    let mut cut = bytes.len().min(RAW_BODY_KEPT);
    // Back off over UTF-8 continuation bytes so the cut does not split a character.
    while cut < bytes.len() && cut > 0 && (bytes[cut] & 0b1100_0000) == 0b1000_0000 {
        cut -= 1;
    }
    let mut text = String::from_utf8_lossy(&bytes[..cut]).into_owned();
    let left_out = (bytes.len() - cut) as u64;
    match unread {
        Unread::Nothing if left_out == 0 => {}
        Unread::Nothing => text.push_str(&format!("… and {left_out} more bytes")),
        Unread::Exactly(more) => text.push_str(&format!("… and {} more bytes", left_out + more)),
        Unread::AtLeast(more) => {
            text.push_str(&format!("… and at least {} more bytes", left_out + more));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_keeps_the_head_and_counts_the_rest() {
        assert_eq!(excerpt(b"short", Unread::Nothing), "short");
        let long = vec![b'x'; RAW_BODY_KEPT + 10];
        let shown = excerpt(&long, Unread::Nothing);
        assert!(shown.ends_with("x… and 10 more bytes"), "{shown}");
        assert_eq!(shown.len(), RAW_BODY_KEPT + "… and 10 more bytes".len());
        let shown = excerpt(&long, Unread::Exactly(1000));
        assert!(shown.ends_with("… and 1010 more bytes"), "{shown}");
        let shown = excerpt(&long, Unread::AtLeast(5));
        assert!(shown.ends_with("… and at least 15 more bytes"), "{shown}");
    }

    #[test]
    fn excerpt_does_not_split_a_character() {
        // 'é' is two bytes; put one across the cut.
        let mut body = vec![b'a'; RAW_BODY_KEPT - 1];
        body.extend_from_slice("é and more".as_bytes());
        let shown = excerpt(&body, Unread::Nothing);
        assert!(!shown.contains('\u{fffd}'), "a character was split");
        assert!(shown.starts_with(&"a".repeat(RAW_BODY_KEPT - 1)));
        // The cut moved back before 'é': its 2 bytes and the 9 after it are left out.
        let tail = &shown[RAW_BODY_KEPT - 1..];
        assert_eq!(tail, "… and 11 more bytes");
    }
}
