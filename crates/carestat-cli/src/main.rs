//! `carestat`: report and audit a council's Local Account figures.
//!
//! ```text
//! carestat report  FILE [--format table|json|csv]
//! carestat audit   FILE [--format table|json|csv|html] [--document TEXT]
//! carestat extract FILE
//! carestat upgrade FILE [-o OUT]
//! ```
//!
//! FILE is a dataset (JSON) or a document (text, Markdown, HTML, Word): which, is decided by
//! its content, not its name. A document is read, extracted into a draft dataset, then
//! audited or reported; `extract` prints the draft and what it could not place.
//!
//! Exit status: 0 when no claim is inconsistent (consistent, ambiguous or unchecked), 1 when
//! any claim is inconsistent, 2 on bad input or usage (the message on stderr names the JSON path) and when
//! the output cannot be written (a full disk, a closed pipe).
//!
//! Arguments are parsed by hand: two subcommands and one option do not justify a parser
//! dependency (and its build time) in a tool that is a thin shell over the core.

mod output;
mod table;

use std::ffi::OsString;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use carestat::account::extract::{extract, Extraction};
use carestat::account::read::MAX_INPUT_BYTES;
use carestat::account::{any_inconsistent, audit, audit_page, report, upgrade_json, Dataset};

const USAGE: &str = "\
usage: carestat <command> FILE [--format table|json|csv|html] [--document TEXT]

commands:
  report   every indicator derived from the dataset (changes, implied previous values,
           rates per 100,000 with 95% intervals, shares, ASCOF comparisons)
  audit    every claim the document makes, recomputed from its own figures:
           consistent / inconsistent / ambiguous / unchecked, and why
  extract  the draft dataset read from a document (JSON), with every number it could
           not place (`not_understood`), for an analyst to correct and audit
  upgrade  the dataset written as format_version 2 (standard output, or -o OUT);
           nothing else changes

FILE is a Local Account dataset (JSON, format_version 1 or 2) or the document itself
(text, Markdown, HTML, Word .docx or PDF), told apart by content; `-` reads standard
input. Findings of a document carry `span`: byte offsets into its text (for .txt and
.md, the file). `upgrade` takes a dataset only.

options:
  --format FORMAT   table (default), json or csv; for audit also html: one self-contained
                    page, the document's text with each claim highlighted by status
  --document TEXT   audit --format html: the document the dataset's claim spans point
                    into (text, Markdown or HTML); without it the page lists the findings
  -o, --output OUT  upgrade: write to OUT instead of standard output
  -h, --help        show this help
  -V, --version     show the version

exit status: 0 no claim inconsistent (consistent, ambiguous or unchecked), 1 some claim
inconsistent, 2 bad input";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Report,
    Audit,
    Extract,
    Upgrade,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Table,
    Json,
    Csv,
    Html,
}

#[derive(Debug)]
struct Args {
    command: Command,
    /// The dataset's path (any bytes the OS allows), or `-` for standard input.
    file: PathBuf,
    format: Format,
    /// `--document`: the document's file, for the HTML page.
    document: Option<PathBuf>,
    /// `-o`/`--output`: where `upgrade` writes (standard output without it).
    output: Option<PathBuf>,
}

/// What the command line asks for.
#[derive(Debug)]
enum Parsed {
    Run(Args),
    Help,
    Version,
}

/// `arg` as text, or an error naming it (lossily) when it is not valid UTF-8.
fn utf8(arg: OsString, what: &str) -> Result<String, String> {
    arg.into_string().map_err(|a| {
        format!(
            "{what} `{}` is not valid UTF-8",
            a.to_string_lossy().escape_default()
        )
    })
}

fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Parsed, String> {
    let mut command = None;
    let mut file: Option<PathBuf> = None;
    let mut format = Format::Table;
    let mut document: Option<PathBuf> = None;
    let mut output: Option<PathBuf> = None;
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        // A file name may be any bytes; every other argument must be text.
        let arg = match arg.into_string() {
            Ok(a) => a,
            Err(a) if command.is_some() && file.is_none() => {
                file = Some(PathBuf::from(a));
                continue;
            }
            Err(a) => return Err(utf8(a, "argument")?),
        };
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "-V" | "--version" => return Ok(Parsed::Version),
            "--format" | "-f" => {
                let value = match inline {
                    Some(v) => v,
                    None => utf8(
                        it.next()
                            .ok_or("--format needs a value: table, json, csv or html")?,
                        "--format value",
                    )?,
                };
                format = match value.as_str() {
                    "table" => Format::Table,
                    "json" => Format::Json,
                    "csv" => Format::Csv,
                    "html" => Format::Html,
                    other => {
                        return Err(format!(
                            "unknown format `{other}`: use table, json, csv or html"
                        ))
                    }
                };
            }
            "--document" => {
                let value = match inline {
                    Some(v) => OsString::from(v),
                    None => it.next().ok_or("--document needs a file")?,
                };
                document = Some(PathBuf::from(value));
            }
            "-o" | "--output" => {
                let value = match inline {
                    Some(v) => OsString::from(v),
                    None => it.next().ok_or("--output needs a file")?,
                };
                output = Some(PathBuf::from(value));
            }
            s if s.starts_with('-') && s != "-" => {
                return Err(format!("unknown option `{s}`"));
            }
            _ if command.is_none() => {
                command = Some(match arg.as_str() {
                    "report" => Command::Report,
                    "audit" => Command::Audit,
                    "extract" => Command::Extract,
                    "upgrade" => Command::Upgrade,
                    other => {
                        return Err(format!(
                            "unknown command `{other}`: use report, audit, extract or upgrade"
                        ))
                    }
                });
            }
            _ if file.is_none() => file = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument `{arg}`")),
        }
    }
    let command = command.ok_or("missing command: report, audit, extract or upgrade")?;
    let file = file.ok_or("missing FILE (a dataset or a document, or - for standard input)")?;
    Ok(Parsed::Run(Args {
        command,
        file,
        format,
        document,
        output,
    }))
}

/// Reads a file's bytes (or standard input's for `-`), at most [`MAX_INPUT_BYTES`] (larger
/// input, or an endless stream, is an error naming the file and the limit), with the name to
/// show in messages.
fn read_bytes(file: &std::path::Path) -> Result<(Vec<u8>, String), String> {
    let limit = MAX_INPUT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let name = if file.as_os_str() == "-" {
        std::io::stdin()
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("standard input: {e}"))?;
        "standard input".to_owned()
    } else {
        let name = file.display().to_string();
        std::fs::File::open(file)
            .and_then(|f| f.take(limit).read_to_end(&mut bytes))
            .map_err(|e| format!("{name}: {e}"))?;
        name
    };
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(format!(
            "{name}: larger than the limit of {MAX_INPUT_BYTES} bytes (64 MiB)"
        ));
    }
    Ok((bytes, name))
}

/// What FILE turned out to be.
enum Input {
    /// A dataset (JSON).
    Dataset(Dataset),
    /// A document, with its text as read and the draft extracted from it.
    Document {
        text: String,
        extraction: Extraction,
    },
}

/// Reads FILE as a dataset when its content is a JSON object (it starts with `{`), else as a
/// document (whatever its name says).
fn load(file: &std::path::Path) -> Result<Input, String> {
    let (bytes, name) = read_bytes(file)?;
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    let json = body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    if json {
        let text = std::str::from_utf8(body).map_err(|e| format!("{name}: not UTF-8 text: {e}"))?;
        let mut ds = Dataset::from_json_str(text).map_err(|e| format!("{name}: {e}"))?;
        // Restatements of other dataset files name them relative to this one's folder.
        let folder = file.parent().unwrap_or_else(|| std::path::Path::new(""));
        ds.read_restated(folder)
            .map_err(|e| format!("{name}: {e}"))?;
        return Ok(Input::Dataset(ds));
    }
    let doc = carestat::account::read::read(&bytes, &name).map_err(|e| format!("{name}: {e}"))?;
    let extraction = extract(&doc);
    Ok(Input::Document {
        text: doc.text,
        extraction,
    })
}

/// The text of the `--document` file as its reader gives it (the text the claims' spans
/// point into).
fn read_document(file: &std::path::Path) -> Result<String, String> {
    let (bytes, name) = read_bytes(file)?;
    carestat::account::read::read(&bytes, &name)
        .map(|d| d.text)
        .map_err(|e| format!("{name}: {e}"))
}

/// `carestat upgrade`: the dataset FILE written as the current format version, to
/// standard output or to `-o OUT`; every byte but the version number is kept.
fn upgrade(args: &Args) -> ExitCode {
    let file = args.file.display();
    let (bytes, name) = match read_bytes(&args.file) {
        Ok(b) => b,
        Err(msg) => return fail(&msg),
    };
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => return fail(&format!("{name}: not UTF-8 text: {e}")),
    };
    let out = match upgrade_json(text) {
        Ok(out) => out,
        Err(e) => return fail(&format!("{file}: {e}")),
    };
    match &args.output {
        Some(path) => match std::fs::write(path, out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&format!("{}: {e}", path.display())),
        },
        None => emit(&out, 0),
    }
}

/// Writes `text` to standard error, ignoring a failure: there is nowhere left to report it.
fn say(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// Writes `out` to standard output; a failed write (full disk, closed pipe, closed
/// descriptor) is exit 2.
fn emit(out: &str, code: u8) -> ExitCode {
    let written = if stdout_was_closed() {
        Err("standard output is closed".to_owned())
    } else {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(out.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(|e| e.to_string())
    };
    match written {
        Ok(()) => ExitCode::from(code),
        Err(e) => {
            say(&format!("carestat: error: cannot write the output: {e}"));
            ExitCode::from(2)
        }
    }
}

/// Whether standard output was closed when carestat started (`carestat audit x >&-`).
///
/// Rust's runtime puts `/dev/null`, opened read-write, on a standard descriptor that is
/// closed at startup, so writes to it succeed and the output is lost without a word. On
/// Linux that descriptor is recognised (`/dev/null` open read-write; a shell's `>/dev/null`
/// opens it write-only, which is a choice to discard the output and not an error). Elsewhere
/// this is `false`.
fn stdout_was_closed() -> bool {
    if !cfg!(target_os = "linux") {
        return false;
    }
    let null =
        std::fs::read_link("/proc/self/fd/1").is_ok_and(|p| p == std::path::Path::new("/dev/null"));
    // fdinfo's `flags:` are octal; the access mode is the low two bits (2 = O_RDWR).
    let read_write = std::fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| {
        info.lines()
            .find_map(|l| l.strip_prefix("flags:"))
            .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
            .is_some_and(|flags| flags & 3 == 2)
    });
    null && read_write
}

/// Reports `msg` as an error on stderr: exit 2.
fn fail(msg: &str) -> ExitCode {
    say(&format!("carestat: error: {}", table::escape_controls(msg)));
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args_os().skip(1)) {
        Ok(Parsed::Run(a)) => a,
        Ok(Parsed::Help) => return emit(&format!("{USAGE}\n"), 0),
        Ok(Parsed::Version) => return emit(&format!("carestat {}\n", carestat::VERSION), 0),
        Err(msg) => {
            say(&format!("carestat: {msg}\n\n{USAGE}"));
            return ExitCode::from(2);
        }
    };
    let file = args.file.display();
    if args.document.is_some() && (args.command, args.format) != (Command::Audit, Format::Html) {
        return fail("--document is read only by `audit --format html`");
    }
    if args.output.is_some() && args.command != Command::Upgrade {
        return fail("--output is read only by `upgrade`");
    }
    if args.command == Command::Upgrade && args.format != Format::Table {
        return fail("`upgrade` writes JSON; it takes no --format");
    }
    if (args.command, args.format) == (Command::Report, Format::Html) {
        return fail("--format html is for `audit`; report gives table, json or csv");
    }
    if args.command == Command::Upgrade {
        return upgrade(&args);
    }
    let input = match load(&args.file) {
        Ok(i) => i,
        Err(msg) => return fail(&msg),
    };
    if args.command == Command::Extract {
        let Input::Document { extraction, .. } = &input else {
            return fail(&format!(
                "{file}: is a dataset already; extract reads a document"
            ));
        };
        return emit(&output::json(extraction), 0);
    }
    let (dataset, document_text) = match input {
        Input::Dataset(d) => (d, None),
        Input::Document { text, extraction } => (extraction.dataset, Some(text)),
    };
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let width = table::terminal_width();
    let (out, code) = match args.command {
        Command::Upgrade => unreachable!("handled above"),
        Command::Audit => {
            let findings = match audit(&dataset) {
                Ok(f) => f,
                Err(e) => return fail(&format!("{file}: {e}")),
            };
            let code = u8::from(any_inconsistent(&findings));
            let out = match args.format {
                Format::Json => output::json(&findings),
                Format::Csv => output::findings_csv(&findings),
                Format::Table => output::findings_table(&dataset, &findings, width, color),
                Format::Html => {
                    let doc = match args.document.as_deref().map(read_document).transpose() {
                        Ok(d) => d.or(document_text),
                        Err(msg) => return fail(&msg),
                    };
                    let title = format!("Audit of {} {}", dataset.area.name, dataset.period.label);
                    audit_page(&title, doc.as_deref(), &findings)
                }
            };
            (out, code)
        }
        Command::Extract => unreachable!("extract returned above"),
        Command::Report => {
            let r = match report(&dataset) {
                Ok(r) => r,
                Err(e) => return fail(&format!("{file}: {e}")),
            };
            let out = match args.format {
                Format::Json => output::json(&r),
                Format::Csv => output::indicators_csv(&r.indicators),
                Format::Table | Format::Html => output::report_table(&r, width),
            };
            (out, 0)
        }
    };
    emit(&out, code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Parsed, String> {
        parse_args(args.iter().map(OsString::from))
    }

    #[test]
    fn parses_commands_files_and_formats() {
        let Parsed::Run(a) = parse(&["audit", "x.json", "--format", "json"]).unwrap() else {
            panic!("expected a run")
        };
        assert_eq!(
            (a.command, a.file.to_str(), a.format),
            (Command::Audit, Some("x.json"), Format::Json)
        );
        let Parsed::Run(a) = parse(&["--format=csv", "report", "-"]).unwrap() else {
            panic!("expected a run")
        };
        assert_eq!((a.command, a.format), (Command::Report, Format::Csv));
        assert!(matches!(parse(&["-h"]).unwrap(), Parsed::Help));
        assert!(matches!(
            parse(&["audit", "--version"]).unwrap(),
            Parsed::Version
        ));
    }

    #[test]
    fn usage_errors_say_what_is_wrong() {
        assert!(parse(&[]).unwrap_err().contains("missing command"));
        assert!(parse(&["audit"]).unwrap_err().contains("missing FILE"));
        assert!(parse(&["check", "x"])
            .unwrap_err()
            .contains("unknown command"));
        assert!(parse(&["audit", "x", "--format", "xml"])
            .unwrap_err()
            .contains("unknown format"));
        assert!(parse(&["audit", "x", "--format"])
            .unwrap_err()
            .contains("needs a value"));
        assert!(parse(&["audit", "x", "y"])
            .unwrap_err()
            .contains("unexpected"));
        assert!(parse(&["audit", "x", "--bogus"])
            .unwrap_err()
            .contains("unknown option"));
    }
}
