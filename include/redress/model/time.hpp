// Instants with a UTC offset, and the durations that SLA targets are written in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace redress {

/// An instant: seconds since the Unix epoch (UTC), plus the UTC offset it is shown in.
struct Timestamp {
  std::int64_t utc_seconds = 0;     ///< seconds since 1970-01-01T00:00:00Z
  std::int32_t offset_minutes = 0;  ///< display offset east of UTC; does not change the instant

  /// RFC 3339 with seconds and an offset: "2026-11-25T09:30:00+08:00" or "...Z", in the years
  /// 0001 to 9999. On failure returns false and sets `error` to what is wrong.
  static bool parse(std::string_view text, Timestamp& out, std::string& error);
  /// The same instant shown in another UTC offset.
  [[nodiscard]] Timestamp in_offset(std::int32_t minutes) const { return {utc_seconds, minutes}; }
  /// True when the local date in this timestamp's offset is in the years 0001 to 9999, the
  /// range RFC 3339 can write with a four-digit year (and parse() accepts).
  [[nodiscard]] bool representable() const;
  /// RFC 3339 in this timestamp's offset ("Z" is never used; "+00:00" is written instead).
  /// Only a representable() timestamp gives a valid RFC 3339 text.
  [[nodiscard]] std::string to_string() const;

  /// Same instant and same offset: the same instant shown in two offsets is not equal.
  friend bool operator==(const Timestamp&, const Timestamp&) = default;
};

/// How a duration is counted: on the wall clock, or only inside a calendar's working hours.
enum class DurationUnit { minutes, hours, days, business_hours, business_days };

/// An SLA target as written in a policy: "15m", "2h", "1d", "4 business_hours", "3 business_days".
/// Wall-clock units count every minute; business units count only a calendar's open hours
/// (a business day is the length of that calendar's working day).
struct Duration {
  std::int64_t amount = 0;                    ///< in `unit`s; 0 to 1,000,000 when parsed
  DurationUnit unit = DurationUnit::minutes;  ///< how `amount` is counted

  /// Accepts "<n>m", "<n>h", "<n>d", "<n> business_hours", "<n> business_days" (n >= 0;
  /// "<n> minutes", "<n> hours", "<n> days" are accepted too). On failure returns false and sets
  /// `error` to what is wrong and what would be accepted.
  static bool parse(std::string_view text, Duration& out, std::string& error);
  /// Canonical spelling, the one parse() accepts first ("15m", "3 business_days").
  [[nodiscard]] std::string to_string() const;
  /// True for business_hours and business_days (which need a calendar).
  [[nodiscard]] bool is_business() const {
    return unit == DurationUnit::business_hours || unit == DurationUnit::business_days;
  }

  /// Same amount and unit ("60m" and "1h" are not equal).
  friend bool operator==(const Duration&, const Duration&) = default;
};

}  // namespace redress
