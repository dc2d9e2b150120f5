//! Demo data: an agency with two staff, two client companies each with a project and a client
//! user. Written in one transaction; running it again changes nothing.

use faro_app::accounts::db::{
    create_organization, create_user, find_organization_by_slug, set_password_hash, NewUser,
};
use faro_app::accounts::{password, Email, Role};
use faro_app::projects::db::{add_project_member, create_client_company, create_project};
use faro_app::text::{CompanyName, OrganizationName, PersonName, ProjectName};
use sqlx::AnyPool;

/// The slug that marks the demo organization, so a second run finds it.
pub const DEMO_SLUG: &str = "demo";
pub const DEMO_ORGANIZATION: &str = "Lighthouse Studio";

/// Every demo person's password (documented in the README; never use the demo in production).
pub const DEMO_PASSWORD: &str = "faro-demo-2026";

/// The demo people, as `make run` prints them: (email, name, role).
pub const DEMO_PEOPLE: [(&str, &str, &str); 4] = [
    ("owner@demo.test", "Olivia Owner", "owner"),
    ("pm@demo.test", "Pablo Martín", "project manager"),
    (
        "ana@cliente-uno.test",
        "Ana García",
        "client, Cliente Uno S.L.",
    ),
    (
        "ben@client-two.test",
        "Ben Carter",
        "client, Client Two Ltd",
    ),
];

#[derive(Debug, PartialEq, Eq)]
pub enum Seeded {
    Created,
    AlreadyThere,
}

fn valid<T>(parsed: Result<T, faro_app::error::AppError>) -> Result<T, sqlx::Error> {
    parsed.map_err(|e| sqlx::Error::Protocol(format!("demo data: {e}")))
}

pub async fn seed(pool: &AnyPool) -> Result<Seeded, sqlx::Error> {
    let mut tx = pool.begin().await?;
    if find_organization_by_slug(&mut *tx, DEMO_SLUG)
        .await?
        .is_some()
    {
        return Ok(Seeded::AlreadyThere);
    }
    // One hash for everyone: Argon2 is slow on purpose, and the password is the same.
    let password_hash = valid(password::hash(DEMO_PASSWORD.to_string()).await)?;
    let org = create_organization(
        &mut *tx,
        &valid(OrganizationName::parse(DEMO_ORGANIZATION))?,
        DEMO_SLUG,
    )
    .await?;

    let mut project_manager = None;
    for (email, name, role) in [
        (DEMO_PEOPLE[0].0, DEMO_PEOPLE[0].1, Role::Owner),
        (DEMO_PEOPLE[1].0, DEMO_PEOPLE[1].1, Role::Pm),
    ] {
        let name = valid(PersonName::parse(name))?;
        let email = valid(Email::parse(email))?;
        let user = NewUser {
            organization: org,
            client_company: None,
            email: &email,
            name: &name,
            role,
        };
        let user = create_user(&mut *tx, user).await?;
        set_password_hash(&mut *tx, user, &password_hash).await?;
        if role == Role::Pm {
            project_manager = Some(user);
        }
    }

    let clients = [
        ("Cliente Uno S.L.", "Tienda online", DEMO_PEOPLE[2]),
        ("Client Two Ltd", "Brand refresh", DEMO_PEOPLE[3]),
    ];
    for (company, project, (email, person, _)) in clients {
        let company =
            create_client_company(&mut *tx, org, &valid(CompanyName::parse(company))?).await?;
        let project =
            create_project(&mut *tx, org, company, &valid(ProjectName::parse(project))?).await?;
        let name = valid(PersonName::parse(person))?;
        let email = valid(Email::parse(email))?;
        let user = NewUser {
            organization: org,
            client_company: Some(company),
            email: &email,
            name: &name,
            role: Role::Client,
        };
        let user = create_user(&mut *tx, user).await?;
        set_password_hash(&mut *tx, user, &password_hash).await?;
        add_project_member(&mut *tx, project, user).await?;
        // The PM runs both projects, and their pages list them.
        if let Some(pm) = project_manager {
            add_project_member(&mut *tx, project, pm).await?;
        }
    }
    tx.commit().await?;
    Ok(Seeded::Created)
}
