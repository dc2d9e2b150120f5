//! Server functions of the people page: list everyone; an owner changes a staff member's role or
//! removes a person.

use super::PeoplePage;
use crate::accounts::{Role, UserId};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::accounts::policy::{may, Action, Target},
    crate::accounts::{db as accounts, session, Actor},
    crate::error::{with_status, Problem},
};

/// The person `user` of the actor's organization; anyone else looks missing.
#[cfg(feature = "ssr")]
async fn colleague(db: &mut crate::db::Tx, actor: &Actor, user: UserId) -> Result<Actor, AppError> {
    accounts::find_actor(&mut **db, user)
        .await?
        .filter(|p| p.organization_id == actor.organization_id)
        .ok_or(AppError::NotFound)
}

/// Begins a change that may take away an owner: the organization's row is locked first, so two
/// owners demoting or removing each other at once are counted one after the other and the
/// organization always keeps an owner.
#[cfg(feature = "ssr")]
async fn begin_owner_change(
    pool: &crate::db::Pool,
    actor: &Actor,
) -> Result<crate::db::Tx, AppError> {
    let mut tx = crate::db::begin_write(pool).await?;
    crate::db::lock_row(&mut tx, "organizations", actor.organization_id.0).await?;
    // The one acting may have been demoted by the change that held the lock before.
    let now = accounts::find_actor(&mut *tx, actor.id).await?;
    may(
        now.as_ref(),
        Action::ManagePeople,
        Target::Organization(actor.organization_id),
    )?;
    Ok(tx)
}

#[server(prefix = "/api", endpoint = "accounts/list_people")]
pub async fn list_people() -> Result<PeoplePage, AppError> {
    with_status(
        async {
            let actor = session::authorize(Action::ViewPeople).await?;
            let pool = crate::db::pool()?;
            let may_manage = may(
                Some(&actor),
                Action::ManagePeople,
                Target::Organization(actor.organization_id),
            )
            .is_ok();
            let just_made = if may_manage {
                session::take_flash::<crate::accounts::resets::ResetLink>(
                    crate::accounts::resets::api::JUST_MADE_KEY,
                )
                .await?
            } else {
                None
            };
            let just_invited = session::take_flash::<(
                crate::projects::ProjectId,
                crate::accounts::invitations::Invited,
            )>(crate::accounts::invitations::JUST_INVITED_KEY)
            .await?
            .map(|(_, invited)| invited);
            Ok(PeoplePage {
                people: super::db::list_people(&pool, actor.organization_id).await?,
                may_manage,
                me: actor.id,
                just_made,
                just_invited,
            })
        }
        .await,
    )
}

/// Makes a staff member an owner or a PM. Clients stay clients (they belong to a company).
#[server(prefix = "/api", endpoint = "accounts/change_role")]
pub async fn change_role(user: UserId, role: Role) -> Result<(), AppError> {
    with_status(
        async {
            let actor = session::authorize(Action::ManagePeople).await?;
            if !role.is_staff() {
                return Err(AppError::invalid("role", Problem::Malformed));
            }
            let pool = crate::db::pool()?;
            let mut tx = begin_owner_change(&pool, &actor).await?;
            let person = colleague(&mut tx, &actor, user).await?;
            if !person.role.is_staff() {
                return Err(AppError::invalid("role", Problem::Malformed));
            }
            let owners = super::db::count_owners(&mut *tx, actor.organization_id).await?;
            if super::leaves_no_owner(owners, person.role == Role::Owner, role == Role::Owner) {
                return Err(AppError::invalid("role", Problem::LastOwner));
            }
            super::db::set_role(&mut *tx, user, role).await?;
            accounts::record_audit(
                &mut *tx,
                Some(actor.organization_id),
                Some(actor.id),
                "role_changed",
                &format!(
                    "{} from {} to {}",
                    person.email,
                    person.role.as_str(),
                    role.as_str()
                ),
            )
            .await?;
            tx.commit().await?;
            Ok(())
        }
        .await,
    )
}

/// Removes a person from the organization: they lose access at once (sessions end).
#[server(prefix = "/api", endpoint = "accounts/remove_person")]
pub async fn remove_person(user: UserId) -> Result<(), AppError> {
    with_status(
        async {
            let actor = session::authorize(Action::ManagePeople).await?;
            if user == actor.id {
                return Err(AppError::invalid("user", Problem::Yourself));
            }
            let pool = crate::db::pool()?;
            let mut tx = begin_owner_change(&pool, &actor).await?;
            let person = colleague(&mut tx, &actor, user).await?;
            let owners = super::db::count_owners(&mut *tx, actor.organization_id).await?;
            if super::leaves_no_owner(owners, person.role == Role::Owner, false) {
                return Err(AppError::invalid("user", Problem::LastOwner));
            }
            super::db::delete_person(&mut *tx, user).await?;
            accounts::record_audit(
                &mut *tx,
                Some(actor.organization_id),
                Some(actor.id),
                "person_removed",
                &format!("{} ({})", person.email, person.role.as_str()),
            )
            .await?;
            tx.commit().await?;
            Ok(())
        }
        .await,
    )
}
