//! Boards recently read, per node (server only). Reading a 500-card board costs several
//! milliseconds of queries and row decoding (`make bench`); most reads find nothing new. A
//! cached board is used only while its project's newest history entry is still the one it was
//! read at (one small query tells), and for a few seconds at most, since names of people and
//! of the project change without a board entry.

use super::{Board, BoardEventId};
use crate::projects::ProjectId;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a cached board may be used, whatever happens.
const FRESH_FOR: Duration = Duration::from_secs(5);
/// Beyond this many boards the cache starts over (it is a shortcut, not a store).
const MAX_BOARDS: usize = 256;

/// (project, read as staff) → (history position, when read, the board).
type Entries = HashMap<(ProjectId, bool), (BoardEventId, Instant, Board)>;

#[derive(Debug, Clone, Default)]
pub struct BoardCache(Arc<Mutex<Entries>>);

impl BoardCache {
    /// The board read at `position`, if it is still fresh.
    pub fn get(&self, project: ProjectId, staff: bool, position: BoardEventId) -> Option<Board> {
        let entries = self.0.lock().ok()?;
        let (at, when, board) = entries.get(&(project, staff))?;
        (*at == position && when.elapsed() < FRESH_FOR).then(|| board.clone())
    }

    pub fn put(&self, project: ProjectId, staff: bool, position: BoardEventId, board: &Board) {
        if let Ok(mut entries) = self.0.lock() {
            if entries.len() >= MAX_BOARDS {
                entries.clear();
            }
            entries.insert((project, staff), (position, Instant::now(), board.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn board() -> Board {
        Board {
            project: ProjectId(1),
            project_name: "p".into(),
            columns: Vec::new(),
            may_edit: false,
            assignees: Vec::new(),
            last_event: BoardEventId(7),
            only_milestone: None,
            reached: Vec::new(),
            milestone_risks: Vec::new(),
        }
    }

    #[test]
    fn a_board_is_reused_only_at_the_same_history_position_and_for_its_viewers() {
        let cache = BoardCache::default();
        cache.put(ProjectId(1), false, BoardEventId(7), &board());
        assert_eq!(
            cache.get(ProjectId(1), false, BoardEventId(7)),
            Some(board())
        );
        assert_eq!(cache.get(ProjectId(1), false, BoardEventId(8)), None);
        assert_eq!(
            cache.get(ProjectId(1), true, BoardEventId(7)),
            None,
            "staff see more"
        );
        assert_eq!(cache.get(ProjectId(2), false, BoardEventId(7)), None);
    }
}
