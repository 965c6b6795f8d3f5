//! `GET /organization/users`: `UserListResponse` pages of `User` objects.

use crate::audit::cursors;
use crate::fake::{Faker, Org};
use crate::json::{self, Obj};

/// When the first generated member joined: 2023-01-01T00:00:00Z.
const FIRST_ADDED_AT: i64 = 1_672_531_200;

const TECHNICAL_LEVELS: &[&str] = &["technical", "semi_technical", "non_technical"];
const PERSONAS: &[&str] = &[
    "engineer",
    "data_scientist",
    "researcher",
    "product_manager",
    "designer",
];

/// Writes users one page at a time, continuing the same seeded sequence, so
/// consecutive pages together hold exactly what one big page would.
#[derive(Debug)]
pub(crate) struct UserPages {
    f: Faker,
    org: Org,
    added_at: i64,
}

impl UserPages {
    pub(crate) fn new(seed: u64) -> Self {
        let mut f = Faker::new(seed);
        let org = Org::new(&mut f);
        UserPages {
            f,
            org,
            added_at: FIRST_ADDED_AT,
        }
    }

    /// The next `n` users as one list page.
    pub(crate) fn page(&mut self, n: usize, has_more: bool) -> String {
        let mut ids = Vec::with_capacity(n);
        json::object(|o| {
            o.str("object", "list").arr("data", |a| {
                for _ in 0..n {
                    let id = self.f.id("user-", 24);
                    self.added_at += self.f.range(60, 20_000);
                    a.obj(|u| self.user(u, &id));
                    ids.push(id);
                }
            });
            cursors(o, &ids, has_more);
        })
    }

    fn user(&mut self, u: &mut Obj, id: &str) {
        let f = &mut self.f;
        let (name, email) = f.person();
        let role = if f.chance(0.1) { "owner" } else { "reader" };
        let created = self.added_at - f.range(0, 400 * 86_400);
        let picture = format!(
            "https://s.gravatar.com/avatar/{}?s=480&r=pg&d=identicon",
            f.hex(32)
        );
        let last_used = f
            .chance(0.6)
            .then(|| self.added_at + f.range(0, 90 * 86_400));
        let technical = f.chance(0.7).then(|| *f.pick(TECHNICAL_LEVELS));
        let persona = f.chance(0.5).then(|| *f.pick(PERSONAS));
        let purchaser = f.chance(0.2).then(|| f.chance(0.1));
        let scim = f.chance(0.3);
        let projects = &self.org.projects;
        let first = f.range(0, projects.len() as i64) as usize;
        let memberships: Vec<_> = (0..f.range(0, 3) as usize)
            .map(|k| {
                let role = if f.chance(0.2) { "owner" } else { "member" };
                (&projects[(first + k) % projects.len()], role)
            })
            .collect();
        u.str("object", "organization.user")
            .str("id", id)
            .str("name", &name)
            .str("email", &email)
            .str("role", role)
            .int("added_at", self.added_at)
            .bool("is_default", f.chance(0.05))
            .int("created", created)
            .obj("user", |inner| {
                inner
                    .str("object", "user")
                    .str("id", id)
                    .str("email", &email)
                    .str("name", &name)
                    .str("picture", &picture)
                    .bool("enabled", true)
                    .bool("banned", false)
                    .null("banned_at");
            })
            .bool("is_service_account", false)
            .opt_bool("is_scale_tier_authorized_purchaser", purchaser)
            .bool("is_scim_managed", scim)
            .opt_int("api_key_last_used_at", last_used)
            .opt_str("technical_level", technical)
            .opt_str("developer_persona", persona)
            .obj("projects", |p| {
                p.str("object", "list").arr("data", |a| {
                    for (project, role) in &memberships {
                        a.obj(|m| {
                            m.str("id", &project.id)
                                .str("name", &project.name)
                                .str("role", role);
                        });
                    }
                });
            });
    }
}
