//! Plain-text tables that fit the terminal: long cells wrap at word boundaries.

/// The terminal width from `COLUMNS`, else 120 (wide enough for the reason column).
pub fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .filter(|&w| w >= 40)
        .unwrap_or(120)
}

/// A column: header, whether it may wrap, whether numbers align right.
pub struct Column {
    pub header: &'static str,
    pub wrap: bool,
    pub right: bool,
}

/// One cell: its text and an optional ANSI colour code applied after padding.
pub struct Cell {
    pub text: String,
    pub color: Option<&'static str>,
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Self {
            text: escape_controls(&text),
            color: None,
        }
    }
}

/// `s` with control characters (ESC, NUL, line breaks, C1, DEL) shown escaped (`\u{1b}`), so
/// that a dataset's strings cannot drive the terminal.
pub fn escape_controls(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn width_of(s: &str) -> usize {
    s.chars().count()
}

/// Splits `text` into lines of at most `width` characters at spaces (a longer word is cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_owned();
        while width_of(&word) > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(head);
        }
        if line.is_empty() {
            line = word;
        } else if width_of(&line) + 1 + width_of(&word) <= width {
            line.push(' ');
            line.push_str(&word);
        } else {
            lines.push(std::mem::replace(&mut line, word));
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Renders rows under headers, shrinking wrappable columns to fit `total` characters.
pub fn render(columns: &[Column], rows: &[Vec<Cell>], total: usize) -> String {
    const GAP: usize = 2;
    let n = columns.len();
    let mut widths: Vec<usize> = columns.iter().map(|c| width_of(c.header)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width_of(&cell.text));
        }
    }
    let fixed: usize = columns
        .iter()
        .zip(&widths)
        .filter(|(c, _)| !c.wrap)
        .map(|(_, w)| *w)
        .sum::<usize>()
        + GAP * n.saturating_sub(1);
    let wrappable: Vec<usize> = (0..n).filter(|&i| columns[i].wrap).collect();
    if !wrappable.is_empty() {
        let room = total.saturating_sub(fixed).max(20 * wrappable.len());
        let natural: usize = wrappable.iter().map(|&i| widths[i]).sum();
        if natural > room {
            // Share the room in proportion to natural width, at least 20 each.
            for &i in &wrappable {
                widths[i] = (widths[i] * room / natural).max(20);
            }
        }
    }
    let mut out = String::new();
    let line = |cells: Vec<(Vec<String>, Option<&'static str>)>, out: &mut String| {
        let height = cells.iter().map(|(l, _)| l.len()).max().unwrap_or(1);
        for k in 0..height {
            let mut text = String::new();
            for (i, (lines, color)) in cells.iter().enumerate() {
                let cell = lines.get(k).map_or("", String::as_str);
                let pad = widths[i].saturating_sub(width_of(cell));
                let last = i + 1 == n;
                let padded = if columns[i].right {
                    format!("{}{cell}", " ".repeat(pad))
                } else if last {
                    cell.to_owned()
                } else {
                    format!("{cell}{}", " ".repeat(pad))
                };
                match color {
                    Some(code) if !cell.is_empty() => {
                        text.push_str("\x1b[");
                        text.push_str(code);
                        text.push('m');
                        text.push_str(&padded);
                        text.push_str("\x1b[0m");
                    }
                    _ => text.push_str(&padded),
                }
                if !last {
                    text.push_str(&" ".repeat(GAP));
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        }
    };
    line(
        columns
            .iter()
            .map(|c| (vec![c.header.to_owned()], None))
            .collect(),
        &mut out,
    );
    line(
        widths
            .iter()
            .map(|&w| (vec!["-".repeat(w)], None))
            .collect(),
        &mut out,
    );
    for row in rows {
        line(
            row.iter()
                .zip(&widths)
                .zip(columns)
                .map(|((cell, &w), col)| {
                    let lines = if col.wrap {
                        wrap(&cell.text, w)
                    } else {
                        vec![cell.text.clone()]
                    };
                    (lines, cell.color)
                })
                .collect(),
            &mut out,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("a bb ccc dddd", 8), vec!["a bb ccc", "dddd"]);
        assert_eq!(wrap("abcdefghijk", 8), vec!["abcdefgh", "ijk"]);
        assert_eq!(wrap("", 8), vec![""]);
    }

    #[test]
    fn tables_fit_the_width() {
        let cols = [
            Column {
                header: "ID",
                wrap: false,
                right: false,
            },
            Column {
                header: "REASON",
                wrap: true,
                right: false,
            },
        ];
        let rows = vec![vec![
            Cell::from("x".to_owned()),
            Cell::from("word ".repeat(30)),
        ]];
        let out = render(&cols, &rows, 40);
        assert!(out.lines().all(|l| l.chars().count() <= 40), "{out}");
        assert!(out.lines().count() > 3);
    }
}
