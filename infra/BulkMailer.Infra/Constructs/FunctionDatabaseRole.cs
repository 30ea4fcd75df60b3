namespace BulkMailer.Infra.Constructs;

/// <summary>Who a function logs in to the database as.</summary>
public enum FunctionDatabaseRole
{
    /// <summary>The application role (<c>bulkmailer_app</c>, DML only): the sender and feedback functions.</summary>
    Application,

    /// <summary>The master login of the secret: the migrator alone, it creates and alters the schema.</summary>
    Master,

    /// <summary>The unsubscribe role (<c>bulkmailer_unsubscribe</c>, INSERT on suppression only): the unsubscribe function behind its public URL.</summary>
    Unsubscribe,

    /// <summary>The maintenance role (<c>bulkmailer_maintenance</c>, DELETE on mail_event and SELECT on the columns it counts): the scheduled maintenance function.</summary>
    Maintenance,
}
