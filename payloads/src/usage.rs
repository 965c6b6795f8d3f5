//! `GET /organization/usage/completions` and `GET /organization/costs`: a
//! `UsageResponse` page of daily `UsageTimeBucket`s.

use crate::fake::{Faker, KEYS_PER_PROJECT, Org};
use crate::json::{self, Obj};

/// Start of the first daily bucket: 2025-09-01T00:00:00Z.
const FIRST_BUCKET: i64 = 1_756_684_800;
const DAY: i64 = 86_400;

/// What a model reads and writes besides text.
#[derive(Debug, Clone, Copy)]
struct Modalities {
    audio_in: bool,
    image_in: bool,
    audio_out: bool,
    image_out: bool,
}

const TEXT: Modalities = Modalities {
    audio_in: false,
    image_in: false,
    audio_out: false,
    image_out: false,
};
const VISION: Modalities = Modalities {
    image_in: true,
    ..TEXT
};
const AUDIO: Modalities = Modalities {
    audio_in: true,
    audio_out: true,
    ..TEXT
};
const IMAGE_GEN: Modalities = Modalities {
    image_in: true,
    image_out: true,
    ..TEXT
};

/// Completions models and their modalities.
const MODELS: &[(&str, Modalities)] = &[
    ("gpt-4o-2024-08-06", VISION),
    ("gpt-4o-mini-2024-07-18", VISION),
    ("gpt-4.1-2025-04-14", VISION),
    ("gpt-4.1-mini-2025-04-14", VISION),
    ("gpt-4.1-nano-2025-04-14", TEXT),
    ("o3-2025-04-16", VISION),
    ("o4-mini-2025-04-16", VISION),
    ("gpt-5-2025-08-07", VISION),
    ("gpt-5-mini-2025-08-07", VISION),
    ("gpt-5-nano-2025-08-07", TEXT),
    ("gpt-4o-audio-preview-2024-12-17", AUDIO),
    ("gpt-4o-realtime-preview-2024-12-17", AUDIO),
    ("gpt-image-1", IMAGE_GEN),
    ("gpt-3.5-turbo-0125", TEXT),
    ("o1-2024-12-17", VISION),
];

/// Writes a page of `buckets` daily buckets with grouping by project, model and
/// API key, so each result names all three; `user_id`, `batch`, `service_tier`
/// and `api_source` stay null because they are not grouped on.
pub(crate) fn completions(seed: u64, buckets: usize, per_bucket: usize) -> String {
    let f = &mut Faker::new(seed);
    let org = Org::new(f);
    let (np, nm) = (org.projects.len(), MODELS.len());
    page(buckets, per_bucket, |r, i| {
        // Walk the (project, model, key) combinations so that a bucket repeats
        // none of them before all 12 * 15 * 4 are used.
        let project = &org.projects[i % np];
        let model = MODELS[(i / np) % nm];
        let key = &project.key_ids[(i / (np * nm)) % KEYS_PER_PROJECT];
        completions_result(r, f, &project.id, model, key);
    })
}

/// Writes a `UsageResponse` of `buckets` consecutive days with `per_bucket`
/// results each, `result(writer, index_in_bucket)` filling in every result.
fn page(buckets: usize, per_bucket: usize, mut result: impl FnMut(&mut Obj, usize)) -> String {
    json::object(|o| {
        o.str("object", "page").arr("data", |a| {
            for b in 0..buckets as i64 {
                let start = FIRST_BUCKET + b * DAY;
                a.obj(|k| {
                    k.str("object", "bucket")
                        .int("start_time", start)
                        .int("end_time", start + DAY)
                        .arr("results", |rs| {
                            for i in 0..per_bucket {
                                rs.obj(|r| result(r, i));
                            }
                        });
                });
            }
        });
        o.bool("has_more", false).null("next_page");
    })
}

/// An integer in `lo..hi` whose logarithm is uniform: many small values, a few large.
fn log_uniform(f: &mut Faker, lo: i64, hi: i64) -> i64 {
    let (a, b) = ((lo as f64).ln(), (hi as f64).ln());
    ((a + (b - a) * f.unit()).exp() as i64).clamp(lo, hi - 1)
}

fn completions_result(
    r: &mut Obj,
    f: &mut Faker,
    project_id: &str,
    (model, m): (&str, Modalities),
    key_id: &str,
) {
    let requests = log_uniform(f, 1, 20_000);
    let input = requests * f.range(150, 6_000);
    let output = requests * f.range(20, 1_500);
    let cached = (input as f64 * f.unit() * 0.8) as i64;
    let cache_write = ((input - cached) as f64 * f.unit() * 0.3) as i64;
    let write_12h = (cache_write as f64 * f.unit()) as i64;
    // Split input, cached input and output over text / audio / image.
    let audio_share = if m.audio_in {
        0.4 + 0.4 * f.unit()
    } else {
        0.0
    };
    let image_share = if m.image_in { 0.3 * f.unit() } else { 0.0 };
    let share = |total: i64, s: f64| (total as f64 * s) as i64;
    let (input_audio, input_image) = (share(input, audio_share), share(input, image_share));
    let (cached_audio, cached_image) = (share(cached, audio_share), share(cached, image_share));
    let output_audio = if m.audio_out {
        share(output, 0.5 + 0.4 * f.unit())
    } else {
        0
    };
    let output_image = if m.image_out { share(output, 0.9) } else { 0 };
    r.str("object", "organization.usage.completions.result")
        .int("input_tokens", input)
        .int("input_cached_tokens", cached)
        .int("input_cache_write_tokens", cache_write)
        .int("input_uncached_tokens", input - cached)
        .int("output_tokens", output)
        .int("input_text_tokens", input - input_audio - input_image)
        .int("output_text_tokens", output - output_audio - output_image)
        .int(
            "input_cached_text_tokens",
            cached - cached_audio - cached_image,
        )
        .int("input_audio_tokens", input_audio)
        .int("input_cached_audio_tokens", cached_audio)
        .int("output_audio_tokens", output_audio)
        .int("input_image_tokens", input_image)
        .int("input_cached_image_tokens", cached_image)
        .int("output_image_tokens", output_image)
        .int("num_model_requests", requests)
        .str("project_id", project_id)
        .null("user_id")
        .str("api_key_id", key_id)
        .str("model", model)
        .null("batch")
        .null("service_tier")
        .null("api_source")
        .int("input_cache_write_12h_tokens", write_12h)
        .int("input_cache_write_30m_tokens", cache_write - write_12h);
}

/// Models billed per token, with list prices in USD per million input and
/// output tokens (cached input is billed at a quarter of the input price).
const PRICED_MODELS: &[(&str, f64, f64)] = &[
    ("gpt-4o-2024-08-06", 2.5, 10.0),
    ("gpt-4o-mini-2024-07-18", 0.15, 0.6),
    ("gpt-4.1-2025-04-14", 2.0, 8.0),
    ("gpt-4.1-mini-2025-04-14", 0.4, 1.6),
    ("gpt-4.1-nano-2025-04-14", 0.1, 0.4),
    ("o3-2025-04-16", 2.0, 8.0),
    ("o4-mini-2025-04-16", 1.1, 4.4),
    ("gpt-5-2025-08-07", 1.25, 10.0),
    ("gpt-5-mini-2025-08-07", 0.25, 2.0),
    ("gpt-5-nano-2025-08-07", 0.05, 0.4),
];

/// Line items not billed per token: (line item, `quantity_unit`, USD per unit).
const OTHER_ITEMS: &[(&str, &str, f64)] = &[
    ("whisper-1, transcription", "duration_minutes", 0.006),
    ("tts-1, speech", "characters", 0.000_015),
    ("gpt-image-1, images", "images", 0.04),
    ("Vector store storage", "gibibyte_hours", 0.1 / 24.0),
    (
        "Fine-tuning training, gpt-4o-mini-2024-07-18",
        "1000_tokens",
        0.003,
    ),
];

/// Writes a costs page grouped by project and line item (so both are set;
/// `api_key_id`, `api_source` and `user_id` stay null).
pub(crate) fn costs(seed: u64, buckets: usize, per_bucket: usize) -> String {
    let f = &mut Faker::new(seed);
    let org = Org::new(f);
    let mut items: Vec<(String, &str, f64)> = Vec::new();
    for &(model, input, output) in PRICED_MODELS {
        items.push((format!("{model}, input"), "tokens", input / 1e6));
        items.push((format!("{model}, cached input"), "tokens", input / 4e6));
        items.push((format!("{model}, output"), "tokens", output / 1e6));
    }
    items.extend(
        OTHER_ITEMS
            .iter()
            .map(|&(name, unit, price)| (name.to_string(), unit, price)),
    );
    page(buckets, per_bucket, |r, i| {
        let (line_item, unit, price) = &items[i % items.len()];
        let project = &org.projects[(i / items.len()) % org.projects.len()];
        let quantity = match *unit {
            "tokens" => log_uniform(f, 1_000, 50_000_000) as f64,
            "characters" => log_uniform(f, 100, 5_000_000) as f64,
            "1000_tokens" => log_uniform(f, 1, 50_000) as f64,
            "gibibyte_hours" => round(f.unit() * 500.0, 3),
            _ => log_uniform(f, 1, 5_000) as f64,
        };
        r.str("object", "organization.costs.result")
            .obj("amount", |a| {
                a.num("value", round(quantity * price, 6))
                    .str("currency", "usd");
            })
            .str("line_item", line_item)
            .str("project_id", &project.id)
            .null("api_key_id")
            .num("quantity", quantity)
            .str("quantity_unit", unit)
            .null("api_source")
            .null("user_id");
    })
}

fn round(x: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (x * scale).round() / scale
}
