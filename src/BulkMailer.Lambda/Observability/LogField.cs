namespace BulkMailer.Lambda.Observability;

/// <summary>
/// One structured field of a log line. A closed set of value kinds instead of <c>object</c> so that writing
/// needs no reflection (Native AOT) and no boxing.
/// </summary>
public readonly struct LogField
{
    private LogField(string name, FieldKind kind, string? text, long integer, double real, bool flag)
    {
        Name = name;
        Kind = kind;
        Text = text;
        Integer = integer;
        Real = real;
        Flag = flag;
    }

    internal enum FieldKind
    {
        Text,
        Integer,
        Real,
        Flag,
    }

    public string Name { get; }

    internal FieldKind Kind { get; }

    internal string? Text { get; }

    internal long Integer { get; }

    internal double Real { get; }

    internal bool Flag { get; }

    public static LogField Of(string name, string? value) => new(name, FieldKind.Text, value, 0, 0, false);

    public static LogField Of(string name, int value) => new(name, FieldKind.Integer, null, value, 0, false);

    public static LogField Of(string name, long value) => new(name, FieldKind.Integer, null, value, 0, false);

    public static LogField Of(string name, double value) => new(name, FieldKind.Real, null, 0, value, false);

    public static LogField Of(string name, bool value) => new(name, FieldKind.Flag, null, 0, 0, value);
}
