using BulkMailer.Core.Jobs;
using System.Globalization;
using K = BulkMailer.Deployment.Options.DeploymentContextKeys;

namespace BulkMailer.Deployment.Options;

/// <summary>
/// Builds <see cref="DeploymentOptions"/> from flat string settings keyed by <see cref="DeploymentContextKeys"/>
/// (cdk.json context, <c>-c key=value</c>, or any other key/value source). A key that is absent keeps its default;
/// a value that does not parse is reported, not guessed.
/// </summary>
public static class DeploymentOptionsReader
{
    /// <summary>Reads the options; parse problems are added to <paramref name="problems"/> (validation is separate: <see cref="DeploymentOptions.Validate"/>).</summary>
    /// <param name="lookup">Returns the raw value of a key, or null when it is not set.</param>
    /// <param name="problems">Receives one message per value that does not parse.</param>
    public static DeploymentOptions Read(Func<string, string?> lookup, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(problems);
        var r = new Reader(lookup, problems);
        DeploymentOptions d = DeploymentOptions.Default;

        return new DeploymentOptions
        {
            Sender = ReadFunction(r, K.Sender, d.Sender),
            Feedback = ReadFunction(r, K.Feedback, d.Feedback),
            Architecture = r.Enum(K.Architecture, d.Architecture, ParseArchitecture),
            AllowPlaceholderCode = r.Bool(K.AllowPlaceholderCode, d.AllowPlaceholderCode),
            MigratorCodePath = r.String(K.MigratorCodePath) ?? d.MigratorCodePath,
            NatGateways = r.Int(K.NatGateways, d.NatGateways),
            RawMessageDelivery = r.Bool(K.RawMessageDelivery, d.RawMessageDelivery),
            OtherClients = r.Int(K.OtherClients, d.OtherClients),
            TurnoverMarginPercent = r.Int(K.TurnoverMarginPercent, d.TurnoverMarginPercent),
            Database = new DatabaseSettings
            {
                Mode = r.Enum(K.DatabaseMode, d.Database.Mode, ParseMode),
                InstanceClass = r.String(K.InstanceClass) ?? d.Database.InstanceClass,
                MaxConnections = r.NullableInt(K.MaxConnections),
                SuperuserReservedConnections = r.Int(K.SuperuserReservedConnections, d.Database.SuperuserReservedConnections),
                RdsSuperuserReservedConnections = r.Int(K.RdsSuperuserReservedConnections, d.Database.RdsSuperuserReservedConnections),
                DatabaseName = r.String(K.DatabaseName) ?? d.Database.DatabaseName,
                Username = r.String(K.Username) ?? d.Database.Username,
                Port = r.Int(K.Port, d.Database.Port),
                IdleSessionTimeoutMs = r.Int(K.IdleSessionTimeoutMs, d.Database.IdleSessionTimeoutMs),
                TcpKeepalivesIdleSeconds = r.Int(K.TcpKeepalivesIdleSeconds, d.Database.TcpKeepalivesIdleSeconds),
                TcpKeepalivesIntervalSeconds = r.Int(K.TcpKeepalivesIntervalSeconds, d.Database.TcpKeepalivesIntervalSeconds),
                TcpKeepalivesCount = r.Int(K.TcpKeepalivesCount, d.Database.TcpKeepalivesCount),
                UseProxy = r.Bool(K.UseProxy, d.Database.UseProxy),
                ProxyMaxConnectionsPercent = r.Int(K.ProxyMaxConnectionsPercent, d.Database.ProxyMaxConnectionsPercent),
                MultiAz = r.Bool(K.MultiAz, d.Database.MultiAz),
                AllocatedStorageGb = r.Int(K.AllocatedStorageGb, d.Database.AllocatedStorageGb),
                ExistingEndpoint = r.String(K.ExistingEndpoint),
                ExistingSecretArn = r.String(K.ExistingSecretArn),
                ExistingSecurityGroupId = r.String(K.ExistingSecurityGroupId),
                ExistingVpcId = r.String(K.ExistingVpcId),
                ExistingAvailabilityZones = r.List(K.ExistingAvailabilityZones),
                ExistingPrivateSubnetIds = r.List(K.ExistingPrivateSubnetIds),
                ExistingInstanceIdentifier = r.String(K.ExistingInstanceIdentifier),
            },
            Ses = new SesSettings
            {
                ConfigurationSetName = r.String(K.ConfigurationSetName) ?? d.Ses.ConfigurationSetName,
                AllowedConfigurationSets = ConfigurationSetAllowList.ParseList(r.String(K.AllowedConfigurationSets)),
                Identity = r.String(K.Identity),
                CreateIdentity = r.Bool(K.CreateIdentity, d.Ses.CreateIdentity),
                TemplateNamePattern = r.String(K.TemplateNamePattern) ?? d.Ses.TemplateNamePattern,
                MaxSendRate = r.Double(K.MaxSendRate, d.Ses.MaxSendRate),
                CallLatencyMs = r.Double(K.CallLatencyMs, d.Ses.CallLatencyMs),
            },
            Alarms = new AlarmSettings
            {
                DatabaseConnectionsPercent = r.Int(K.AlarmDatabaseConnectionsPercent, d.Alarms.DatabaseConnectionsPercent),
                BounceRate = r.Double(K.AlarmBounceRate, d.Alarms.BounceRate),
                ComplaintRate = r.Double(K.AlarmComplaintRate, d.Alarms.ComplaintRate),
                OldestMessageAgeSeconds = r.Int(K.AlarmOldestMessageAgeSeconds, d.Alarms.OldestMessageAgeSeconds),
                StuckJobRuns = r.Int(K.AlarmStuckJobRuns, d.Alarms.StuckJobRuns),
            },
            Unsubscribe = new UnsubscribeSettings
            {
                ReservedConcurrency = r.Int(K.Unsubscribe + K.FunctionReservedConcurrency, d.Unsubscribe.ReservedConcurrency),
                MemoryMb = r.Int(K.Unsubscribe + K.FunctionMemoryMb, d.Unsubscribe.MemoryMb),
                TimeoutSeconds = r.Int(K.Unsubscribe + K.FunctionTimeoutSeconds, d.Unsubscribe.TimeoutSeconds),
                LinkValidityDays = r.Int(K.UnsubscribeLinkValidityDays, d.Unsubscribe.LinkValidityDays),
                CodePath = r.String(K.Unsubscribe + K.FunctionCodePath) ?? d.Unsubscribe.CodePath,
            },
            Maintenance = new MaintenanceSettings
            {
                EventRetentionDays = r.Int(K.MaintenanceEventRetentionDays, d.Maintenance.EventRetentionDays),
                ScheduleMinutes = r.Int(K.MaintenanceScheduleMinutes, d.Maintenance.ScheduleMinutes),
                MemoryMb = r.Int(K.Maintenance + K.FunctionMemoryMb, d.Maintenance.MemoryMb),
                TimeoutSeconds = r.Int(K.Maintenance + K.FunctionTimeoutSeconds, d.Maintenance.TimeoutSeconds),
                CodePath = r.String(K.Maintenance + K.FunctionCodePath) ?? d.Maintenance.CodePath,
            },
        };
    }

    private static FunctionDeploymentSettings ReadFunction(Reader r, string prefix, FunctionDeploymentSettings d) => new()
    {
        TimeoutSeconds = r.Int(prefix + K.FunctionTimeoutSeconds, d.TimeoutSeconds),
        MemoryMb = r.Int(prefix + K.FunctionMemoryMb, d.MemoryMb),
        BatchSize = r.Int(prefix + K.FunctionBatchSize, d.BatchSize),
        MaxBatchingWindowSeconds = r.Int(prefix + K.FunctionMaxBatchingWindowSeconds, d.MaxBatchingWindowSeconds),
        ReservedConcurrency = r.Int(prefix + K.FunctionReservedConcurrency, d.ReservedConcurrency),
        MaxConcurrency = r.Int(prefix + K.FunctionMaxConcurrency, d.MaxConcurrency),
        ConnectionsPerEnvironment = r.Int(prefix + K.FunctionConnectionsPerEnvironment, d.ConnectionsPerEnvironment),
        MaxReceiveCount = r.Int(prefix + K.FunctionMaxReceiveCount, d.MaxReceiveCount),
        VisibilityTimeoutSeconds = r.NullableInt(prefix + K.FunctionVisibilityTimeoutSeconds) ?? d.VisibilityTimeoutSeconds,
        CodePath = r.String(prefix + K.FunctionCodePath) ?? d.CodePath,
    };

    private static FunctionArchitecture? ParseArchitecture(string value) => value.ToLowerInvariant() switch
    {
        "arm64" => FunctionArchitecture.Arm64,
        "x86_64" or "x64" or "amd64" => FunctionArchitecture.X86_64,
        _ => null,
    };

    private static DatabaseMode? ParseMode(string value) => value.ToLowerInvariant() switch
    {
        "new" => DatabaseMode.New,
        "existing" => DatabaseMode.Existing,
        _ => null,
    };

    private sealed class Reader(Func<string, string?> lookup, ICollection<string> problems)
    {
        public string? String(string key)
        {
            string? value = lookup(key)?.Trim();
            return string.IsNullOrEmpty(value) ? null : value;
        }

        public int Int(string key, int fallback) => NullableInt(key) ?? fallback;

        public int? NullableInt(string key)
        {
            string? raw = String(key);
            if (raw is null)
            {
                return null;
            }

            // JSON numbers can arrive as "20" or "20.0" depending on the source; accept integral values only.
            if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
            {
                return (int)d;
            }

            problems.Add($"{key} = '{raw}': expected a whole number.");
            return null;
        }

        public double Double(string key, double fallback)
        {
            string? raw = String(key);
            if (raw is null)
            {
                return fallback;
            }

            if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
            {
                return d;
            }

            problems.Add($"{key} = '{raw}': expected a number.");
            return fallback;
        }

        public bool Bool(string key, bool fallback)
        {
            string? raw = String(key);
            if (raw is null)
            {
                return fallback;
            }

            if (bool.TryParse(raw, out bool b))
            {
                return b;
            }

            problems.Add($"{key} = '{raw}': expected true or false.");
            return fallback;
        }

        public T Enum<T>(string key, T fallback, Func<string, T?> parse)
            where T : struct
        {
            string? raw = String(key);
            if (raw is null)
            {
                return fallback;
            }

            T? parsed = parse(raw);
            if (parsed is null)
            {
                problems.Add($"{key} = '{raw}': not one of the accepted values.");
            }

            return parsed ?? fallback;
        }

        public IReadOnlyList<string> List(string key) =>
            String(key)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
    }
}
