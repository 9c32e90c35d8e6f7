/// The person attributes a sync keeps equal to Okta's profile.
///
/// Optional attributes are nil when Okta has no value; an empty string is read as no value,
/// so an export that writes `""` where another writes `null` does not cause endless updates.
package struct Profile: Hashable, Sendable {
  // Constants, not variables: Swift 6.3 compiles the initializer of a struct this size with
  // `var` fields as a copy and a release of every field, and a million profiles come through
  // it on each read. A changed profile is a new value. (Person and OktaUser alike.)
  package let email: EmailAddress
  package let firstName: String?
  package let lastName: String?
  package let mobilePhone: String?
  package let title: String?
  package let department: String?
  package let employeeNumber: String?

  package init(
    email: EmailAddress, firstName: String? = nil, lastName: String? = nil,
    mobilePhone: String? = nil, title: String? = nil, department: String? = nil,
    employeeNumber: String? = nil
  ) {
    self.email = email
    self.firstName = firstName
    self.lastName = lastName
    self.mobilePhone = mobilePhone
    self.title = title
    self.department = department
    self.employeeNumber = employeeNumber
  }

  /// The attributes one by one, in the order plans list them.
  package enum Field: String, CaseIterable, Sendable {
    case email, firstName, lastName, mobilePhone, title, department, employeeNumber
  }

  package subscript(field: Field) -> String? {
    switch field {
    case .email: email.rawValue
    case .firstName: firstName
    case .lastName: lastName
    case .mobilePhone: mobilePhone
    case .title: title
    case .department: department
    case .employeeNumber: employeeNumber
    }
  }

  /// The fields whose values differ from `other`, in `Field` order, except `ignoring` ones.
  package func changes(to other: Profile, ignoring: Set<Field> = []) -> [FieldChange] {
    // Almost every profile is unchanged from one night to the next: one comparison says so.
    if self == other { return [] }
    let fields = ignoring.isEmpty ? Field.allCases : Field.allCases.filter { !ignoring.contains($0) }
    return fields.compactMap { field in
      let old = self[field]
      let new = other[field]
      return old == new ? nil : FieldChange(field: field, old: old, new: new)
    }
  }
}

/// One attribute's value before and after an update.
package struct FieldChange: Hashable, Sendable {
  package var field: Profile.Field
  package var old: String?
  package var new: String?
  package init(field: Profile.Field, old: String?, new: String?) {
    self.field = field
    self.old = old
    self.new = new
  }
}
