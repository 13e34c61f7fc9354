//! `carestat`: report and audit a council's Local Account figures.
//!
//! ```text
//! carestat report FILE [--format table|json|csv]
//! carestat audit  FILE [--format table|json|csv]
//! ```
//!
//! Exit status: 0 when every claim is consistent (or unchecked), 1 when any claim is
//! inconsistent, 2 on bad input or usage (the message on stderr names the JSON path).
//!
//! Arguments are parsed by hand: two subcommands and one option do not justify a parser
//! dependency (and its build time) in a tool that is a thin shell over the core.

mod output;
mod table;

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use carestat::account::{any_inconsistent, audit, report, Dataset};

const USAGE: &str = "\
usage: carestat <command> FILE [--format table|json|csv]

commands:
  report   every indicator derived from the dataset (changes, implied previous values,
           rates per 100,000 with 95% intervals, shares, ASCOF comparisons)
  audit    every claim the document makes, recomputed from its own figures:
           consistent / inconsistent / unchecked, and why

FILE is a Local Account dataset (JSON, format_version 1); `-` reads standard input.

options:
  --format FORMAT   table (default), json or csv
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
}

#[derive(Debug)]
struct Args {
    command: Command,
    file: String,
    format: Format,
}

/// What the command line asks for.
#[derive(Debug)]
enum Parsed {
    Run(Args),
    Help,
    Version,
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Parsed, String> {
    let mut command = None;
    let mut file = None;
    let mut format = Format::Table;
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
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
                    None => it
                        .next()
                        .ok_or("--format needs a value: table, json or csv")?,
                };
                format = match value.as_str() {
                    "table" => Format::Table,
                    "json" => Format::Json,
                    "csv" => Format::Csv,
                    other => {
                        return Err(format!("unknown format `{other}`: use table, json or csv"))
                    }
                };
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
            _ if file.is_none() => file = Some(arg),
            _ => return Err(format!("unexpected argument `{arg}`")),
        }
    }
    let command = command.ok_or("missing command: report or audit")?;
    let file = file.ok_or("missing FILE (a dataset, or - for standard input)")?;
    Ok(Parsed::Run(Args {
        command,
        file,
        format,
    }))
}

fn read_input(file: &str) -> Result<String, String> {
    if file == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("standard input: {e}"))?;
        Ok(s)
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))
    }
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Parsed::Run(a)) => a,
        Ok(Parsed::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Parsed::Version) => {
            println!("carestat {}", carestat::VERSION);
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("carestat: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let text = match read_input(&args.file) {
        Ok(t) => t,
        Err(msg) => {
            eprintln!("carestat: error: {msg}");
            return ExitCode::from(2);
        }
    };
    let dataset = match Dataset::from_json_str(&text) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("carestat: error: {}: {e}", args.file);
            return ExitCode::from(2);
        }
    };
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let width = table::terminal_width();
    let (out, code) = match args.command {
        Command::Audit => {
            let findings = match audit(&dataset) {
                Ok(f) => f,
                Err(e) => {
                    eprintln!("carestat: error: {}: {e}", args.file);
                    return ExitCode::from(2);
                }
            };
            let code = u8::from(any_inconsistent(&findings));
            let out = match args.format {
                Format::Json => output::json(&findings),
                Format::Csv => output::findings_csv(&findings),
                Format::Table => output::findings_table(&dataset, &findings, width, color),
            };
            (out, code)
        }
        Command::Report => {
            let r = match report(&dataset) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("carestat: error: {}: {e}", args.file);
                    return ExitCode::from(2);
                }
            };
            let out = match args.format {
                Format::Json => output::json(&r),
                Format::Csv => output::indicators_csv(&r.indicators),
                Format::Table => output::report_table(&r, width),
            };
            (out, 0)
        }
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`carestat audit x | head`) is not an error worth a message.
    let _ = stdout.write_all(out.as_bytes());
    let _ = stdout.flush();
    ExitCode::from(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Parsed, String> {
        parse_args(args.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn parses_commands_files_and_formats() {
        let Parsed::Run(a) = parse(&["audit", "x.json", "--format", "json"]).unwrap() else {
            panic!("expected a run")
        };
        assert_eq!(
            (a.command, a.file.as_str(), a.format),
            (Command::Audit, "x.json", Format::Json)
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
