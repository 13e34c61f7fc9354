//! `carestat`: report and audit a council's Local Account figures.
//!
//! ```text
//! carestat report FILE [--format table|json|csv]
//! carestat audit  FILE [--format table|json|csv|html] [--document TEXT]
//! ```
//!
//! Exit status: 0 when every claim is consistent (or unchecked), 1 when any claim is
//! inconsistent, 2 on bad input or usage (the message on stderr names the JSON path) and when
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

use carestat::account::read::MAX_INPUT_BYTES;
use carestat::account::{any_inconsistent, audit, audit_page, report, Dataset};

const USAGE: &str = "\
usage: carestat <command> FILE [--format table|json|csv|html] [--document TEXT]

commands:
  report   every indicator derived from the dataset (changes, implied previous values,
           rates per 100,000 with 95% intervals, shares, ASCOF comparisons)
  audit    every claim the document makes, recomputed from its own figures:
           consistent / inconsistent / unchecked, and why

FILE is a Local Account dataset (JSON, format_version 1); `-` reads standard input.

options:
  --format FORMAT   table (default), json or csv; for audit also html: one self-contained
                    page, the document's text with each claim highlighted by status
  --document TEXT   audit --format html: the document the dataset's claim spans point
                    into (text, Markdown or HTML); without it the page lists the findings
  -h, --help        show this help
  -V, --version     show the version

exit status: 0 all claims consistent or unchecked, 1 some claim inconsistent, 2 bad input";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Report,
    Audit,
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
            s if s.starts_with('-') && s != "-" => {
                return Err(format!("unknown option `{s}`"));
            }
            _ if command.is_none() => {
                command = Some(match arg.as_str() {
                    "report" => Command::Report,
                    "audit" => Command::Audit,
                    other => return Err(format!("unknown command `{other}`: use report or audit")),
                });
            }
            _ if file.is_none() => file = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument `{arg}`")),
        }
    }
    let command = command.ok_or("missing command: report or audit")?;
    let file = file.ok_or("missing FILE (a dataset, or - for standard input)")?;
    Ok(Parsed::Run(Args {
        command,
        file,
        format,
        document,
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

/// Reads the dataset as text ([`read_bytes`]); a UTF-8 byte-order mark is skipped.
fn read_input(file: &std::path::Path) -> Result<String, String> {
    let (bytes, name) = read_bytes(file)?;
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    String::from_utf8(body.to_vec()).map_err(|e| format!("{name}: not UTF-8 text: {e}"))
}

/// The text of the `--document` file as its reader gives it (the text the claims' spans
/// point into).
fn read_document(file: &std::path::Path) -> Result<String, String> {
    let (bytes, name) = read_bytes(file)?;
    carestat::account::read::read(&bytes, &name)
        .map(|d| d.text)
        .map_err(|e| format!("{name}: {e}"))
}

/// Writes `text` to standard error, ignoring a failure: there is nowhere left to report it.
fn say(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// Writes `out` to standard output; a failed write (full disk, closed pipe) is exit 2.
fn emit(out: &str, code: u8) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::from(code),
        Err(e) => {
            say(&format!("carestat: error: cannot write the output: {e}"));
            ExitCode::from(2)
        }
    }
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
    if (args.command, args.format) == (Command::Report, Format::Html) {
        return fail("--format html is for `audit`; report gives table, json or csv");
    }
    let text = match read_input(&args.file) {
        Ok(t) => t,
        Err(msg) => return fail(&msg),
    };
    let dataset = match Dataset::from_json_str(&text) {
        Ok(d) => d,
        Err(e) => return fail(&format!("{file}: {e}")),
    };
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let width = table::terminal_width();
    let (out, code) = match args.command {
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
                        Ok(d) => d,
                        Err(msg) => return fail(&msg),
                    };
                    let title = format!("Audit of {} {}", dataset.area.name, dataset.period.label);
                    audit_page(&title, doc.as_deref(), &findings)
                }
            };
            (out, code)
        }
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
