import ProxySyncCore

/// The statements one apply needs, prepared once.
struct ApplyStatements {
  let insertGroup, renameGroup, updateGroup, link, updatePerson: Statement
  let reactivate, deactivate, addMember, removeMember: Statement
  /// `GroupChanges.statementSize` memberships of one group in one statement.
  let addMembers, removeMembers: Statement

  init(_ c: Connection) throws {
    insertGroup = try c.prepare(
      "INSERT INTO user_group (org_id, okta_group_id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
    renameGroup = try c.prepare("UPDATE user_group SET name = ?, updated_at = ? WHERE id = ? AND org_id = ?")
    updateGroup = try c.prepare("UPDATE user_group SET name = ?, description = ?, updated_at = ? WHERE id = ? AND org_id = ?")
    link = try c.prepare(
      "UPDATE person SET okta_user_id = ?, updated_at = ? WHERE id = ? AND org_id = ? AND okta_user_id IS NULL AND role = 'member'")
    // Each attribute is a (changed?, value) pair, so one statement serves every mix of changes.
    updatePerson = try c.prepare("""
      UPDATE person SET
        email = CASE WHEN ?1 THEN ?2 ELSE email END,
        first_name = CASE WHEN ?3 THEN ?4 ELSE first_name END,
        last_name = CASE WHEN ?5 THEN ?6 ELSE last_name END,
        mobile_phone = CASE WHEN ?7 THEN ?8 ELSE mobile_phone END,
        title = CASE WHEN ?9 THEN ?10 ELSE title END,
        department = CASE WHEN ?11 THEN ?12 ELSE department END,
        employee_number = CASE WHEN ?13 THEN ?14 ELSE employee_number END,
        updated_at = ?15
      WHERE id = ?16 AND org_id = ?17 AND role = 'member'
      """)
    reactivate = try c.prepare(
      "UPDATE person SET status = 'active', deactivated_at = NULL, updated_at = ? WHERE id = ? AND org_id = ? AND status = 'inactive' AND role = 'member'")
    deactivate = try c.prepare(
      "UPDATE person SET status = 'inactive', deactivated_at = ?, updated_at = ? WHERE id = ? AND org_id = ? AND status = 'active' AND role = 'member'")
    addMember = try c.prepare("INSERT OR IGNORE INTO membership (group_id, person_id) VALUES (?, ?)")
    removeMember = try c.prepare("DELETE FROM membership WHERE group_id = ? AND person_id = ?")
    let people = (0..<GroupChanges.statementSize).map { "?\($0 + 2)" }
    addMembers = try c.prepare(
      "INSERT OR IGNORE INTO membership (group_id, person_id) VALUES " + people.map { "(?1, \($0))" }.joined(separator: ", "))
    removeMembers = try c.prepare(
      "DELETE FROM membership WHERE group_id = ?1 AND person_id IN (" + people.joined(separator: ", ") + ")")
  }
}
