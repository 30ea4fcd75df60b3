// Dapper.AOT generates the command and reader code at build time, so the data layer runs under Native AOT
// without Dapper's reflection emit.
[module: Dapper.DapperAot]
