import type Database from 'better-sqlite3';
import { Board } from '@whiteroom/board';
import type { BoardOp } from '@whiteroom/protocol';
import { KeyframePolicy } from '../history/keyframe-policy.js';
import { NO_LIMITS, scopeKey } from '../history/page-history.js';

const BATCH = 5000;

/**
 * Recordings made before changes carried their scope (schema version 4) are replayed once, on
 * opening, to give every change its scope and the room its page keyframes. Afterwards the room
 * engine writes both as it goes, and this finds nothing to do.
 */
export function backfillChangeScopes(db: Database.Database): void {
  const rooms = db
    .prepare<[], number>(
      `SELECT id FROM rooms r WHERE is_record = 1
       AND EXISTS (SELECT 1 FROM room_changes c WHERE c.room_id = r.id AND c.scope IS NULL)`,
    )
    .pluck()
    .all();
  if (rooms.length === 0) return;

  const read = db.prepare<[number, number, number], { seq: number; time: number; op: string }>(
    'SELECT seq, time, op FROM room_changes WHERE room_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const setScope = db.prepare('UPDATE room_changes SET scope = ? WHERE room_id = ? AND seq = ?');
  const insertPage = db.prepare(
    `INSERT OR REPLACE INTO room_page_keyframes (room_id, path, seq, time, page_json)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const insertStructure = db.prepare(
    `INSERT OR REPLACE INTO room_structure_keyframes (room_id, seq, time, board_json)
     VALUES (?, ?, ?, ?)`,
  );

  const backfill = db.transaction((roomId: number) => {
    const board = new Board();
    const policy = new KeyframePolicy();
    let afterSeq = 0;
    for (;;) {
      const rows = read.all(roomId, afterSeq, BATCH);
      if (rows.length === 0) return;
      let time = 0;
      for (const row of rows) {
        const op = JSON.parse(row.op) as BoardOp;
        const scope = scopeKey(board.scopeOf(op));
        board.apply(op, { limits: NO_LIMITS });
        setScope.run(scope, roomId, row.seq);
        policy.noteChange(op, scope, row.seq, row.time, row.op.length);
        afterSeq = row.seq;
        time = row.time;
      }
      const due = policy.takeDue(board, afterSeq, time);
      for (const page of due.pages) {
        insertPage.run(roomId, page.path, page.seq, page.time, page.json);
      }
      if (due.structure) {
        const { seq, json } = due.structure;
        insertStructure.run(roomId, seq, due.structure.time, json);
      }
    }
  });
  for (const roomId of rooms) backfill(roomId);
}
