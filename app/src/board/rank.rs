//! Card order as fractional ranks: a card's rank is a short text that sorts between its
//! neighbours', so moving one card writes one row and never renumbers the column.
//!
//! Ranks use the digits `0-9a-z` in byte order (PostgreSQL stores them with `COLLATE "C"` so that
//! both databases sort them the same way) and never end in `0`, which keeps room before every
//! rank. The midpoint rule is the one of David Greenspan's "fractional indexing".

const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";

fn digit(byte: u8) -> usize {
    DIGITS
        .iter()
        .position(|d| *d == byte)
        .expect("a rank holds only 0-9 and a-z")
}

/// A rank strictly between `before` and `after` (`None`: the start or the end of the column).
/// Both must be ranks made here, with `before < after`.
pub fn between(before: Option<&str>, after: Option<&str>) -> String {
    let mut rank = Vec::new();
    midpoint(
        before.unwrap_or("").as_bytes(),
        after.map(str::as_bytes),
        &mut rank,
    );
    String::from_utf8(rank).expect("ASCII digits")
}

fn midpoint(a: &[u8], b: Option<&[u8]>, out: &mut Vec<u8>) {
    debug_assert!(b.is_none_or(|b| a < b), "ranks out of order");
    if let Some(b) = b {
        // Keep the common prefix, reading a missing digit of `a` as zero.
        let n = b
            .iter()
            .enumerate()
            .take_while(|(i, d)| a.get(*i).copied().unwrap_or(DIGITS[0]) == **d)
            .count();
        if n > 0 {
            out.extend_from_slice(&b[..n]);
            return midpoint(a.get(n..).unwrap_or(&[]), Some(&b[n..]), out);
        }
    }
    let digit_a = a.first().map_or(0, |d| digit(*d));
    let digit_b = b.map_or(DIGITS.len(), |b| digit(b[0]));
    if digit_b - digit_a > 1 {
        out.push(DIGITS[(digit_a + digit_b).div_ceil(2)]);
    } else if let Some(b) = b.filter(|b| b.len() > 1) {
        out.push(b[0]);
    } else {
        out.push(DIGITS[digit_a]);
        midpoint(a.get(1..).unwrap_or(&[]), None, out);
    }
}

/// Whether `rank` is one this module could have made (checked before trusting stored text).
pub fn is_valid(rank: &str) -> bool {
    !rank.is_empty() && !rank.ends_with('0') && rank.bytes().all(|b| DIGITS.contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_rank_is_in_the_middle_and_ends_leave_room() {
        assert_eq!(between(None, None), "i");
        assert_eq!(between(Some("i"), None), "r");
        assert_eq!(between(None, Some("i")), "9");
        assert_eq!(between(Some("a"), Some("b")), "ai");
        assert_eq!(between(Some("az"), Some("b")), "azi");
        assert_eq!(between(None, Some("01")), "00i");
    }

    /// A tiny deterministic generator, so the test needs no crate and always runs the same.
    fn next(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    #[test]
    fn a_thousand_random_insertions_keep_a_strict_order() {
        let mut seed = 0x5eed_u64;
        let mut ranks: Vec<String> = Vec::new();
        for _ in 0..1000 {
            let at = (next(&mut seed) % (ranks.len() as u64 + 1)) as usize;
            let before = at.checked_sub(1).map(|i| ranks[i].as_str());
            let after = ranks.get(at).map(String::as_str);
            let rank = between(before, after);
            assert!(is_valid(&rank), "{rank}");
            assert!(
                before.is_none_or(|b| b < rank.as_str()),
                "{before:?} < {rank}"
            );
            assert!(
                after.is_none_or(|a| rank.as_str() < a),
                "{rank} < {after:?}"
            );
            ranks.insert(at, rank);
        }
        assert!(ranks.windows(2).all(|w| w[0] < w[1]));
        let longest = ranks.iter().map(String::len).max().unwrap();
        assert!(longest < 20, "ranks stay short: {longest}");
    }

    #[test]
    fn appending_and_prepending_many_times_stays_short() {
        let mut last = between(None, None);
        let mut first = last.clone();
        for _ in 0..500 {
            last = between(Some(&last), None);
            first = between(None, Some(&first));
        }
        // About one character per five moves to the same end of a column.
        assert!(
            last.len() < 128 && first.len() < 128,
            "{} {}",
            last.len(),
            first.len()
        );
        assert!(first < last);
    }

    #[test]
    fn stored_text_is_checked() {
        assert!(is_valid("i"));
        assert!(!is_valid(""));
        assert!(!is_valid("a0"));
        assert!(!is_valid("A"));
    }
}
