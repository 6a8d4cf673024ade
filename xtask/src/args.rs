//! The few `--name value` options the measuring tasks take, parsed by hand: xtask has no
//! argument-parsing dependency and needs none for this.

use std::str::FromStr;

/// Options given to a task: each `--name value` (or `--name=value`) and each bare `--switch`.
#[derive(Debug, Default)]
pub struct Options {
    values: Vec<(String, String)>,
    switches: Vec<String>,
}

impl Options {
    /// Reads `args`, accepting only the `valued` options (which take a value) and the
    /// `switches` (which do not); anything else is an error that names it.
    pub fn parse(args: &[&str], valued: &[&str], switches: &[&str]) -> Result<Self, String> {
        let mut options = Self::default();
        let mut rest = args.iter();
        while let Some(&arg) = rest.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (arg, None),
            };
            if valued.contains(&name) {
                let value = match inline {
                    Some(value) => value,
                    None => rest
                        .next()
                        .copied()
                        .ok_or_else(|| format!("{name} needs a value"))?,
                };
                options.values.push((name.to_owned(), value.to_owned()));
            } else if switches.contains(&name) && inline.is_none() {
                options.switches.push(name.to_owned());
            } else {
                return Err(format!("unexpected argument `{arg}`"));
            }
        }
        Ok(options)
    }

    /// The last value given for `name`.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(given, _)| given == name)
            .map(|(_, value)| value.as_str())
    }

    /// Every value given for `name`, in order; each may also be a comma-separated list.
    pub fn all<T: FromStr>(&self, name: &str) -> Result<Vec<T>, String> {
        self.values
            .iter()
            .filter(|(given, _)| given == name)
            .flat_map(|(_, value)| value.split(','))
            .map(|item| parse_value(name, item))
            .collect()
    }

    /// The value of `name` parsed, or `default` when it is not given.
    pub fn parsed_or<T: FromStr>(&self, name: &str, default: T) -> Result<T, String> {
        self.value(name)
            .map_or(Ok(default), |value| parse_value(name, value))
    }

    /// Whether the switch `name` was given.
    pub fn switch(&self, name: &str) -> bool {
        self.switches.iter().any(|given| given == name)
    }
}

fn parse_value<T: FromStr>(name: &str, value: &str) -> Result<T, String> {
    value
        .trim()
        .parse()
        .map_err(|_| format!("{name}: cannot read `{value}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_switches_and_errors() {
        let options = Options::parse(
            &[
                "--runs",
                "3",
                "--operations=10,20",
                "--operations",
                "30",
                "--quick",
            ],
            &["--runs", "--operations"],
            &["--quick"],
        )
        .expect("parsing");
        assert_eq!(options.parsed_or("--runs", 5), Ok(3));
        assert_eq!(
            options.parsed_or("--spec", "spec".to_owned()),
            Ok("spec".into())
        );
        assert_eq!(options.all::<usize>("--operations"), Ok(vec![10, 20, 30]));
        assert!(options.switch("--quick"));
        assert_eq!(options.value("--operations"), Some("30"));

        let unknown = Options::parse(&["--what"], &["--runs"], &[]).expect_err("unknown");
        assert_eq!(unknown, "unexpected argument `--what`");
        let missing = Options::parse(&["--runs"], &["--runs"], &[]).expect_err("no value");
        assert_eq!(missing, "--runs needs a value");
    }
}
