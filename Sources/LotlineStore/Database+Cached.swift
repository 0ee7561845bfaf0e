import GRDB

/// Every statement the store runs again and again is compiled once per connection and reused: bulk ingest runs
/// thousands of commands a second, and compiling SQL would otherwise cost more than running it.
extension Database {
    func run(sql: String, arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    func fetchRow(sql: String, arguments: StatementArguments = []) throws -> Row? {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }

    func fetchRows(sql: String, arguments: StatementArguments = []) throws -> [Row] {
        try Row.fetchAll(cachedStatement(sql: sql), arguments: arguments)
    }

    func fetchOne<T: DatabaseValueConvertible & StatementColumnConvertible>(_ type: T.Type, sql: String, arguments: StatementArguments = []) throws
        -> T?
    {
        try T.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }

    func fetchAll<T: DatabaseValueConvertible & StatementColumnConvertible>(_ type: T.Type, sql: String, arguments: StatementArguments = []) throws
        -> [T]
    {
        try T.fetchAll(cachedStatement(sql: sql), arguments: arguments)
    }
}
