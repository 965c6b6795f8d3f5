//! Cutting a body, fed chunk by chunk as it arrives, into the pieces a host's iterator hands
//! out: bytes (as they come, or of a set size), UTF-8 text, or lines.

use std::collections::VecDeque;

/// How a [`Split`] cuts a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// Bytes as they arrive (`None` or `Some(0)`), or in pieces of exactly that many bytes
    /// (the last one may be shorter).
    Bytes(Option<usize>),
    /// The UTF-8 text of the bytes as [`Cut::Bytes`] cuts them; a character is never split
    /// between two pieces, and bytes that are not UTF-8 become U+FFFD.
    Text(Option<usize>),
    /// The lines of the text, without their ends (`\n`, `\r\n` or `\r`).
    Lines,
}

/// One piece of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Bytes ([`Cut::Bytes`]).
    Bytes(Vec<u8>),
    /// Text ([`Cut::Text`], [`Cut::Lines`]).
    Text(String),
}

/// A body being cut into pieces: [`Split::push`] each chunk, [`Split::finish`] at the body's
/// end, and take the pieces that are ready with [`Split::pop`]. Empty pieces are never
/// handed out (a blank line is a piece: an empty line of text).
#[derive(Debug)]
pub struct Split {
    cut: Cut,
    /// Bytes not yet cut to size.
    uncut: Vec<u8>,
    /// The first bytes of a character whose last bytes have not arrived.
    partial: Vec<u8>,
    /// The text of the line not yet ended.
    line: String,
    ready: VecDeque<Piece>,
    finished: bool,
}

impl Split {
    /// A split of a body not read yet.
    pub fn new(cut: Cut) -> Self {
        Self {
            cut,
            uncut: Vec::new(),
            partial: Vec::new(),
            line: String::new(),
            ready: VecDeque::new(),
            finished: false,
        }
    }

    /// The next piece that is ready, if any.
    pub fn pop(&mut self) -> Option<Piece> {
        self.ready.pop_front()
    }

    /// Whether the body has ended ([`Split::finish`]): once [`Split::pop`] gives `None`,
    /// no piece is left.
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// Cuts the next chunk of the body.
    pub fn push(&mut self, chunk: &[u8]) {
        let (Cut::Bytes(Some(size)) | Cut::Text(Some(size))) = self.cut else {
            return self.emit(chunk.to_vec(), false);
        };
        if size == 0 {
            return self.emit(chunk.to_vec(), false);
        }
        let mut uncut = std::mem::take(&mut self.uncut);
        uncut.extend_from_slice(chunk);
        let mut pieces = uncut.chunks_exact(size);
        for piece in &mut pieces {
            self.emit(piece.to_vec(), false);
        }
        self.uncut = pieces.remainder().to_vec();
    }

    /// Ends the body: what was held back (bytes short of a full piece, an unfinished
    /// character, the last line) becomes the last pieces.
    pub fn finish(&mut self) {
        if !self.finished {
            self.finished = true;
            let rest = std::mem::take(&mut self.uncut);
            self.emit(rest, true);
        }
    }

    fn emit(&mut self, bytes: Vec<u8>, last: bool) {
        let text = match self.cut {
            Cut::Bytes(_) if bytes.is_empty() => return,
            Cut::Bytes(_) => return self.ready.push_back(Piece::Bytes(bytes)),
            Cut::Text(_) | Cut::Lines => self.decode(&bytes, last),
        };
        match self.cut {
            Cut::Lines => self.lines(&text, last),
            _ if text.is_empty() => {}
            _ => self.ready.push_back(Piece::Text(text)),
        }
    }

    /// The text of `bytes` after what was held back; the first bytes of a character cut off
    /// at the end are held back for the next chunk (unless this is the `last` one).
    fn decode(&mut self, bytes: &[u8], last: bool) -> String {
        let mut all = std::mem::take(&mut self.partial);
        all.extend_from_slice(bytes);
        let mut text = String::new();
        let mut chunks = all.utf8_chunks().peekable();
        while let Some(chunk) = chunks.next() {
            text.push_str(chunk.valid());
            let bad = chunk.invalid();
            let cut_off = std::str::from_utf8(bad).is_err_and(|e| e.error_len().is_none());
            if chunks.peek().is_none() && cut_off && !last {
                self.partial = bad.to_vec();
            } else if !bad.is_empty() {
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
        text
    }

    /// Ends the lines found in the text so far. A `\r` at the end may be the first half of a
    /// `\r\n`, so it ends a line only once more text (or the body's end) follows it.
    fn lines(&mut self, text: &str, last: bool) {
        self.line.push_str(text);
        let line = std::mem::take(&mut self.line);
        let mut rest = line.as_str();
        while let Some(at) = rest.find(['\r', '\n']) {
            let (cr, after) = (rest.as_bytes()[at] == b'\r', &rest[at + 1..]);
            if cr && after.is_empty() && !last {
                break;
            }
            self.ready.push_back(Piece::Text(rest[..at].to_owned()));
            rest = match cr {
                true => after.strip_prefix('\n').unwrap_or(after),
                false => after,
            };
        }
        match rest {
            "" => {}
            rest if last => self.ready.push_back(Piece::Text(rest.to_owned())),
            rest => self.line = rest.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every piece of `chunks` cut by `cut`.
    fn cut(cut: Cut, chunks: &[&[u8]]) -> Vec<Piece> {
        let mut split = Split::new(cut);
        let mut out = Vec::new();
        for c in chunks {
            split.push(c);
            out.extend(std::iter::from_fn(|| split.pop()));
        }
        split.finish();
        out.extend(std::iter::from_fn(|| split.pop()));
        assert!(split.is_finished() && split.pop().is_none());
        out
    }

    fn bytes(v: &[&str]) -> Vec<Piece> {
        v.iter()
            .map(|s| Piece::Bytes(s.as_bytes().to_vec()))
            .collect()
    }

    fn text(v: &[&str]) -> Vec<Piece> {
        v.iter().map(|s| Piece::Text((*s).to_owned())).collect()
    }

    #[test]
    fn bytes_as_they_come_or_cut_to_size() {
        let chunks: &[&[u8]] = &[b"abc", b"", b"defgh"];
        assert_eq!(cut(Cut::Bytes(None), chunks), bytes(&["abc", "defgh"]));
        assert_eq!(cut(Cut::Bytes(Some(0)), chunks), bytes(&["abc", "defgh"]));
        assert_eq!(
            cut(Cut::Bytes(Some(3)), chunks),
            bytes(&["abc", "def", "gh"])
        );
        assert_eq!(
            cut(Cut::Bytes(Some(2)), chunks),
            bytes(&["ab", "cd", "ef", "gh"])
        );
        assert_eq!(cut(Cut::Bytes(Some(8)), chunks), bytes(&["abcdefgh"]));
        assert_eq!(cut(Cut::Bytes(Some(4)), &[]), bytes(&[]));
    }

    #[test]
    fn a_character_is_never_split() {
        let body = "a\u{e9}\u{20ac}".as_bytes(); // 1 + 2 + 3 bytes
        for at in 0..body.len() {
            let got = cut(Cut::Text(None), &[&body[..at], &body[at..]]);
            let texts = got.iter().map(|p| match p {
                Piece::Text(t) => t.as_str(),
                Piece::Bytes(_) => "(bytes)",
            });
            assert_eq!(texts.collect::<String>(), "a\u{e9}\u{20ac}", "cut at {at}");
        }
        // Cut to size, a piece holds only whole characters: the rest waits for the next.
        assert_eq!(
            cut(Cut::Text(Some(2)), &[body]),
            text(&["a", "\u{e9}", "\u{20ac}"])
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_become_replacement_characters() {
        assert_eq!(cut(Cut::Text(None), &[b"a\xffb"]), text(&["a\u{fffd}b"]));
        // A character cut off by the body's end.
        assert_eq!(
            cut(Cut::Text(None), &[b"a\xe2\x82"]),
            text(&["a", "\u{fffd}"])
        );
    }

    #[test]
    fn lines_end_at_each_kind_of_line_end() {
        let body: &[&[u8]] = &[b"one\r\ntwo\nthree\rfour\n\nfive"];
        let want = text(&["one", "two", "three", "four", "", "five"]);
        assert_eq!(cut(Cut::Lines, body), want);
        assert_eq!(cut(Cut::Lines, &[b"a\n"]), text(&["a"]));
        assert_eq!(cut(Cut::Lines, &[b"a\r"]), text(&["a"]));
        assert_eq!(cut(Cut::Lines, &[b"\n\n"]), text(&["", ""]));
    }

    #[test]
    fn a_cr_at_a_chunk_end_waits_for_the_next_chunk() {
        // `\r` then `\n` in the next chunk: one line end, not two.
        assert_eq!(cut(Cut::Lines, &[b"a\r", b"\nb"]), text(&["a", "b"]));
        assert_eq!(cut(Cut::Lines, &[b"a\r", b"b"]), text(&["a", "b"]));
        assert_eq!(cut(Cut::Lines, &[b"a\r", b"\r", b"\n"]), text(&["a", ""]));
        // And the line is handed out as soon as the next chunk shows where it ends.
        let mut split = Split::new(Cut::Lines);
        split.push(b"x\r");
        assert_eq!(split.pop(), None);
        split.push(b"y");
        assert_eq!(split.pop(), Some(Piece::Text("x".into())));
    }

    #[test]
    fn lines_with_a_character_split_between_chunks() {
        let body = "one\r\ntwo \u{e9}\nthree".as_bytes();
        for at in 0..body.len() {
            let got = cut(Cut::Lines, &[&body[..at], &body[at..]]);
            assert_eq!(got, text(&["one", "two \u{e9}", "three"]), "cut at {at}");
        }
    }
}
