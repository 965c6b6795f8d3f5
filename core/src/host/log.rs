//! Log levels: one table, from the quietest to the loudest, that every host's logging option
//! and `OPENAI_LOG` are read against.

use serde::{Deserialize, Serialize};

/// How much a client logs. Levels are ordered as [`LogLevel::ALL`] lists them, quietest
/// first: a client at one level logs the messages of that level and of every quieter one,
/// and at [`LogLevel::Off`] nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogLevel {
    /// Nothing is logged.
    Off,
    /// Failures only.
    Error,
    /// Failures and warnings.
    Warn,
    /// Also each retry.
    Info,
    /// Also each request and response (credentials redacted).
    Debug,
}

impl LogLevel {
    /// Every level, quietest first.
    pub const ALL: [LogLevel; 5] = [
        LogLevel::Off,
        LogLevel::Error,
        LogLevel::Warn,
        LogLevel::Info,
        LogLevel::Debug,
    ];

    /// The level's name, as the official SDKs' options and `OPENAI_LOG` spell it (`debug`).
    pub const fn name(self) -> &'static str {
        match self {
            LogLevel::Off => "off",
            LogLevel::Error => "error",
            LogLevel::Warn => "warn",
            LogLevel::Info => "info",
            LogLevel::Debug => "debug",
        }
    }

    /// The level named `name` (exactly, in lowercase), if any.
    pub fn from_name(name: &str) -> Option<LogLevel> {
        LogLevel::ALL.into_iter().find(|l| l.name() == name)
    }

    /// Whether a client at this level logs a message of level `message`.
    pub fn logs(self, message: LogLevel) -> bool {
        message != LogLevel::Off && message <= self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_ordered_and_named_as_the_official_sdks_name_it() {
        let names = LogLevel::ALL.map(LogLevel::name);
        assert_eq!(names, ["off", "error", "warn", "info", "debug"]);
        assert!(LogLevel::ALL.windows(2).all(|w| w[0] < w[1]));
        for level in LogLevel::ALL {
            assert_eq!(LogLevel::from_name(level.name()), Some(level));
            let wire = serde_json::to_value(level).unwrap();
            assert_eq!(wire, level.name());
            assert_eq!(serde_json::from_value::<LogLevel>(wire).unwrap(), level);
        }
        assert_eq!(LogLevel::from_name("DEBUG"), None);
        assert_eq!(LogLevel::from_name("verbose"), None);
    }

    #[test]
    fn a_level_logs_itself_and_every_quieter_level() {
        use LogLevel::*;
        assert!(Warn.logs(Error) && Warn.logs(Warn));
        assert!(!Warn.logs(Info) && !Warn.logs(Debug));
        assert!(Debug.logs(Error) && Debug.logs(Info) && Debug.logs(Debug));
        assert!(LogLevel::ALL.iter().all(|l| !l.logs(Off) && !Off.logs(*l)));
    }
}
