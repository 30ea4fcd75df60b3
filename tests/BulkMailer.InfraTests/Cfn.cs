namespace BulkMailer.InfraTests;

/// <summary>Terse builders for the property patterns handed to <c>Template.HasResourceProperties</c> (jsii wants dictionaries and arrays).</summary>
public static class Cfn
{
    /// <summary>An object pattern.</summary>
    public static Dictionary<string, object> Obj(params (string Key, object Value)[] properties) =>
        properties.ToDictionary(p => p.Key, p => p.Value);

    /// <summary>An array pattern.</summary>
    public static object[] Arr(params object[] items) => items;
}
