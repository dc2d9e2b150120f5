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
    let mut project_names = Vec::new();
    for (company, project, (email, person, _)) in clients {
        let company =
            create_client_company(&mut *tx, org, &valid(CompanyName::parse(company))?).await?;
        let name = project;
        let project =
            create_project(&mut *tx, org, company, &valid(ProjectName::parse(project))?).await?;
        project_names.push((project, name));
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
        let pm = project_manager.unwrap_or(user);
        // Each board speaks its project's language: the shop's client is Spanish.
        let (cards, language): (&[DemoCard], _) = if project_name_is_shop(&project_names, project) {
            (&SHOP_BOARD, faro_app::i18n::Locale::Es)
        } else {
            (&BRAND_BOARD, faro_app::i18n::Locale::En)
        };
        seed_board(&mut tx, project, pm, cards, language.strings()).await?;
        let charter = if project_name_is_shop(&project_names, project) {
            shop_charter()
        } else {
            brand_charter()
        };
        faro_app::projects::db::update_charter(&mut *tx, project, &charter).await?;
        // The PM runs both projects, and their pages list them.
        if let Some(pm) = project_manager {
            add_project_member(&mut *tx, project, pm).await?;
        }
    }
    tx.commit().await?;
    Ok(Seeded::Created)
}

/// A demo card: column (0–3), title, internal, labels, due date, Markdown body.
type DemoCard = (
    usize,
    &'static str,
    bool,
    &'static str,
    &'static str,
    &'static str,
);

/// The shop's board: ~25 cards across the four columns, some internal.
const SHOP_BOARD: [DemoCard; 25] = [
    (0, "Gift cards", false, "idea", "", ""),
    (0, "Product reviews on each page", false, "idea", "", ""),
    (0, "Newsletter sign-up in the footer", false, "marketing", "", ""),
    (0, "Load test the checkout before launch", true, "ops", "2027-01-20", ""),
    (0, "Spanish and English product texts", false, "content", "2027-01-15", ""),
    (0, "Renew the staging certificate", true, "ops", "", ""),
    (0, "Wishlist", false, "idea", "", ""),
    (1, "Checkout with card and Bizum", false, "payments", "2026-12-18",
        "Cards through the payment provider, **Bizum** for Spanish customers.\n\n- 3-D Secure\n- receipts by email"),
    (1, "Product photos for the spring range", false, "content", "2026-12-12", ""),
    (1, "Shipping rates by region", false, "payments", "2026-12-15", ""),
    (1, "Estimate for the ERP sync (hours)", true, "budget", "", "Keep the estimate internal until the PM reviews it."),
    (1, "Search with typo tolerance", false, "", "", ""),
    (1, "Refactor the cart state", true, "tech-debt", "", ""),
    (2, "Home page design", false, "design", "2026-12-08",
        "Two variants for the hero; the client picks one in review."),
    (2, "Product page design", false, "design", "2026-12-10", ""),
    (2, "Cookie banner texts", false, "legal", "", ""),
    (2, "Accessibility pass on forms", true, "a11y", "", ""),
    (2, "Order confirmation email", false, "content", "", ""),
    (3, "Kick-off meeting", false, "", "", "Notes are in the welcome page."),
    (3, "Domain and hosting", false, "ops", "", ""),
    (3, "Brand colours in the theme", false, "design", "", ""),
    (3, "Analytics without cookies", false, "", "", ""),
    (3, "Internal retro: estimates vs actuals", true, "", "", ""),
    (3, "Staging site online", false, "ops", "", ""),
    (3, "Catalogue import from the old shop", false, "content", "", ""),
];

const BRAND_BOARD: [DemoCard; 6] = [
    (0, "Business cards", false, "print", "", ""),
    (1, "Logo variants", false, "design", "2026-12-20", ""),
    (1, "Typeface licences", true, "budget", "", ""),
    (2, "Colour palette", false, "design", "", ""),
    (3, "Brand workshop", false, "", "", ""),
    (3, "Mood board", false, "design", "", ""),
];

fn project_name_is_shop(
    names: &[(faro_app::projects::ProjectId, &str)],
    project: faro_app::projects::ProjectId,
) -> bool {
    names
        .iter()
        .any(|(id, name)| *id == project && *name == "Tienda online")
}

/// The project's default columns and its cards, each with its "created" history line.
async fn seed_board(
    tx: &mut faro_app::db::Tx,
    project: faro_app::projects::ProjectId,
    author: faro_app::accounts::UserId,
    cards: &[DemoCard],
    t: &faro_app::i18n::Strings,
) -> Result<(), sqlx::Error> {
    use faro_app::board::{db, rank, DueDate, EventKind, Labels, Visibility};
    db::create_default_columns(tx, project, faro_app::board::default_columns(t)).await?;
    let columns = db::list_columns(&mut **tx, project).await?;
    let mut last_rank: Vec<Option<String>> = vec![None; columns.len()];
    for (column, title, internal, labels, due, body) in cards {
        let rank = rank::between(last_rank[*column].as_deref(), None);
        let visibility = if *internal {
            Visibility::Internal
        } else {
            Visibility::Client
        };
        let card = db::insert_card(
            tx,
            db::NewCard {
                project,
                column: columns[*column].id,
                rank: &rank,
                title,
                visibility,
                created_by: author,
            },
        )
        .await?;
        let edit = db::CardEdit {
            title,
            body,
            assignee: (*column == 1 || *column == 2).then_some(author),
            due_on: valid(DueDate::parse(due))?.map(DueDate::iso),
            labels: valid(Labels::parse(labels))?.joined(),
            visibility,
        };
        db::update_card(tx, card, 1, &edit).await?;
        db::record_event(
            tx,
            project,
            Some(card),
            author,
            EventKind::Created,
            "",
            *internal,
        )
        .await?;
        last_rank[*column] = Some(rank);
    }
    Ok(())
}

/// The shop's welcome page, in the client's language (Spanish): what Faro is about on a
/// client's first visit.
fn shop_charter() -> faro_app::projects::Charter {
    faro_app::projects::Charter {
        scope_in:
            "- Tienda online con catálogo de unos 300 productos, fichas con fotos y variantes \
                   (talla, color).\n\
                   - Carrito y pago con tarjeta y Bizum; facturas en PDF.\n\
                   - Cuentas de cliente: pedidos, direcciones, lista de deseos.\n\
                   - Textos de producto en español e inglés (los facilitáis vosotros).\n\
                   - Formación de dos horas para vuestro equipo antes del lanzamiento."
                .into(),
        scope_out: "- Aplicación móvil nativa.\n\
                    - Conexión con el ERP de almacén (la valoramos como cambio, aparte).\n\
                    - Fotografía de producto y redacción de textos.\n\
                    - Campañas de publicidad de pago."
            .into(),
        communication_plan: "- **Cada viernes**, una actualización de estado aquí, en Faro: qué \
                             se ha hecho, qué viene, riesgos y decisiones pendientes.\n\
                             - Las preguntas, en los comentarios de cada tarjeta o \
                             actualización; nada se pierde en el correo.\n\
                             - Una llamada de 30 minutos al cerrar cada hito.\n\
                             - Vuestra persona de contacto es Pablo Martín (jefe de proyecto)."
            .into(),
        payment_terms: "- 30 % al firmar, 40 % al entregar la tienda en pruebas, 30 % al \
                        lanzamiento.\n\
                        - Facturas a 30 días.\n\
                        - Los cambios aprobados se facturan aparte, según su estimación."
            .into(),
        change_process: "1. Pedís el cambio en Faro, describiendo qué y por qué.\n\
                         2. En dos días laborables os damos su impacto en plazo y coste.\n\
                         3. Lo aprobáis o lo descartáis; solo entonces entra en el tablero.\n\n\
                         Lo que no está en el alcance se trata siempre como un cambio."
            .into(),
        response_hours: 24,
        update_cadence_days: 7,
    }
}

/// The brand refresh's welcome page, in English.
fn brand_charter() -> faro_app::projects::Charter {
    faro_app::projects::Charter {
        scope_in: "- A refreshed logo, colour palette and type scale.\n\
                   - Brand guidelines (a 20-page PDF) with do's and don'ts.\n\
                   - Templates: business card, letterhead, slide deck, social media posts.\n\
                   - Two rounds of revisions on each deliverable."
            .into(),
        scope_out: "- Naming or a new tagline.\n\
                    - Website redesign (a separate project, if you want one).\n\
                    - Printing and production costs."
            .into(),
        communication_plan: "- **Every other Monday**, a status update here in Faro: what was \
                             done, what is next, risks and the decisions we need from you.\n\
                             - Questions go in the comments of a card or an update, so the whole \
                             team sees them.\n\
                             - A review meeting when each milestone is ready for your sign-off."
            .into(),
        payment_terms: "- 50 % at kick-off, 50 % on delivery of the guidelines.\n\
                        - Invoices are due within 14 days."
            .into(),
        change_process: "1. Ask for the change in Faro.\n\
                         2. Within two working days we tell you what it does to the timeline \
                         and the budget.\n\
                         3. Approve it, and we add it to the board; or drop it, and nothing \
                         changes.\n\n\
                         A third round of revisions counts as a change."
            .into(),
        response_hours: 24,
        update_cadence_days: 14,
    }
}
