import * as $protobuf from "protobufjs";
import type Long from "long";
/** Namespace runtime. */
export namespace runtime {

    /** Namespace v1. */
    namespace v1 {

        /** Properties of a VersionRequest. */
        interface IVersionRequest {

            /** VersionRequest version */
            version?: (string|null);
        }

        /** Represents a VersionRequest. */
        class VersionRequest implements IVersionRequest {

            /**
             * Constructs a new VersionRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IVersionRequest);

            /** VersionRequest version. */
            public version: string;

            /**
             * Creates a new VersionRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns VersionRequest instance
             */
            public static create(properties?: runtime.v1.IVersionRequest): runtime.v1.VersionRequest;

            /**
             * Encodes the specified VersionRequest message. Does not implicitly {@link runtime.v1.VersionRequest.verify|verify} messages.
             * @param message VersionRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IVersionRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a VersionRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns VersionRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.VersionRequest;
        }

        /** Properties of a VersionResponse. */
        interface IVersionResponse {

            /** VersionResponse version */
            version?: (string|null);

            /** VersionResponse runtimeName */
            runtimeName?: (string|null);

            /** VersionResponse runtimeVersion */
            runtimeVersion?: (string|null);

            /** VersionResponse runtimeApiVersion */
            runtimeApiVersion?: (string|null);
        }

        /** Represents a VersionResponse. */
        class VersionResponse implements IVersionResponse {

            /**
             * Constructs a new VersionResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IVersionResponse);

            /** VersionResponse version. */
            public version: string;

            /** VersionResponse runtimeName. */
            public runtimeName: string;

            /** VersionResponse runtimeVersion. */
            public runtimeVersion: string;

            /** VersionResponse runtimeApiVersion. */
            public runtimeApiVersion: string;

            /**
             * Creates a new VersionResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns VersionResponse instance
             */
            public static create(properties?: runtime.v1.IVersionResponse): runtime.v1.VersionResponse;

            /**
             * Encodes the specified VersionResponse message. Does not implicitly {@link runtime.v1.VersionResponse.verify|verify} messages.
             * @param message VersionResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IVersionResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a VersionResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns VersionResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.VersionResponse;
        }

        /** Properties of a DNSConfig. */
        interface IDNSConfig {

            /** DNSConfig servers */
            servers?: (string[]|null);

            /** DNSConfig searches */
            searches?: (string[]|null);

            /** DNSConfig options */
            options?: (string[]|null);
        }

        /** Represents a DNSConfig. */
        class DNSConfig implements IDNSConfig {

            /**
             * Constructs a new DNSConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IDNSConfig);

            /** DNSConfig servers. */
            public servers: string[];

            /** DNSConfig searches. */
            public searches: string[];

            /** DNSConfig options. */
            public options: string[];

            /**
             * Creates a new DNSConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DNSConfig instance
             */
            public static create(properties?: runtime.v1.IDNSConfig): runtime.v1.DNSConfig;

            /**
             * Encodes the specified DNSConfig message. Does not implicitly {@link runtime.v1.DNSConfig.verify|verify} messages.
             * @param message DNSConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IDNSConfig, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DNSConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns DNSConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.DNSConfig;
        }

        /** Protocol enum. */
        enum Protocol {
            TCP = 0,
            UDP = 1,
            SCTP = 2
        }

        /** Properties of a PortMapping. */
        interface IPortMapping {

            /** PortMapping protocol */
            protocol?: (runtime.v1.Protocol|null);

            /** PortMapping containerPort */
            containerPort?: (number|null);

            /** PortMapping hostPort */
            hostPort?: (number|null);

            /** PortMapping hostIp */
            hostIp?: (string|null);
        }

        /** Represents a PortMapping. */
        class PortMapping implements IPortMapping {

            /**
             * Constructs a new PortMapping.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPortMapping);

            /** PortMapping protocol. */
            public protocol: runtime.v1.Protocol;

            /** PortMapping containerPort. */
            public containerPort: number;

            /** PortMapping hostPort. */
            public hostPort: number;

            /** PortMapping hostIp. */
            public hostIp: string;

            /**
             * Creates a new PortMapping instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PortMapping instance
             */
            public static create(properties?: runtime.v1.IPortMapping): runtime.v1.PortMapping;

            /**
             * Encodes the specified PortMapping message. Does not implicitly {@link runtime.v1.PortMapping.verify|verify} messages.
             * @param message PortMapping message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPortMapping, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PortMapping message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PortMapping
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PortMapping;
        }

        /** MountPropagation enum. */
        enum MountPropagation {
            PROPAGATION_PRIVATE = 0,
            PROPAGATION_HOST_TO_CONTAINER = 1,
            PROPAGATION_BIDIRECTIONAL = 2
        }

        /** Properties of a Mount. */
        interface IMount {

            /** Mount containerPath */
            containerPath?: (string|null);

            /** Mount hostPath */
            hostPath?: (string|null);

            /** Mount readonly */
            readonly?: (boolean|null);

            /** Mount selinuxRelabel */
            selinuxRelabel?: (boolean|null);

            /** Mount propagation */
            propagation?: (runtime.v1.MountPropagation|null);

            /** Mount uidMappings */
            uidMappings?: (runtime.v1.IIDMapping[]|null);

            /** Mount gidMappings */
            gidMappings?: (runtime.v1.IIDMapping[]|null);

            /** Mount recursiveReadOnly */
            recursiveReadOnly?: (boolean|null);

            /** Mount image */
            image?: (runtime.v1.IImageSpec|null);

            /** Mount imageSubPath */
            imageSubPath?: (string|null);
        }

        /** Represents a Mount. */
        class Mount implements IMount {

            /**
             * Constructs a new Mount.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IMount);

            /** Mount containerPath. */
            public containerPath: string;

            /** Mount hostPath. */
            public hostPath: string;

            /** Mount readonly. */
            public readonly: boolean;

            /** Mount selinuxRelabel. */
            public selinuxRelabel: boolean;

            /** Mount propagation. */
            public propagation: runtime.v1.MountPropagation;

            /** Mount uidMappings. */
            public uidMappings: runtime.v1.IIDMapping[];

            /** Mount gidMappings. */
            public gidMappings: runtime.v1.IIDMapping[];

            /** Mount recursiveReadOnly. */
            public recursiveReadOnly: boolean;

            /** Mount image. */
            public image?: (runtime.v1.IImageSpec|null);

            /** Mount imageSubPath. */
            public imageSubPath: string;

            /**
             * Creates a new Mount instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Mount instance
             */
            public static create(properties?: runtime.v1.IMount): runtime.v1.Mount;

            /**
             * Encodes the specified Mount message. Does not implicitly {@link runtime.v1.Mount.verify|verify} messages.
             * @param message Mount message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IMount, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Mount message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Mount
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.Mount;
        }

        /** Properties of a IDMapping. */
        interface IIDMapping {

            /** IDMapping hostId */
            hostId?: (number|null);

            /** IDMapping containerId */
            containerId?: (number|null);

            /** IDMapping length */
            length?: (number|null);
        }

        /** Represents a IDMapping. */
        class IDMapping implements IIDMapping {

            /**
             * Constructs a new IDMapping.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IIDMapping);

            /** IDMapping hostId. */
            public hostId: number;

            /** IDMapping containerId. */
            public containerId: number;

            /** IDMapping length. */
            public length: number;

            /**
             * Creates a new IDMapping instance using the specified properties.
             * @param [properties] Properties to set
             * @returns IDMapping instance
             */
            public static create(properties?: runtime.v1.IIDMapping): runtime.v1.IDMapping;

            /**
             * Encodes the specified IDMapping message. Does not implicitly {@link runtime.v1.IDMapping.verify|verify} messages.
             * @param message IDMapping message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IIDMapping, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a IDMapping message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns IDMapping
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.IDMapping;
        }

        /** NamespaceMode enum. */
        enum NamespaceMode {
            POD = 0,
            CONTAINER = 1,
            NODE = 2,
            TARGET = 3
        }

        /** Properties of a UserNamespace. */
        interface IUserNamespace {

            /** UserNamespace mode */
            mode?: (runtime.v1.NamespaceMode|null);

            /** UserNamespace uids */
            uids?: (runtime.v1.IIDMapping[]|null);

            /** UserNamespace gids */
            gids?: (runtime.v1.IIDMapping[]|null);
        }

        /** Represents a UserNamespace. */
        class UserNamespace implements IUserNamespace {

            /**
             * Constructs a new UserNamespace.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IUserNamespace);

            /** UserNamespace mode. */
            public mode: runtime.v1.NamespaceMode;

            /** UserNamespace uids. */
            public uids: runtime.v1.IIDMapping[];

            /** UserNamespace gids. */
            public gids: runtime.v1.IIDMapping[];

            /**
             * Creates a new UserNamespace instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UserNamespace instance
             */
            public static create(properties?: runtime.v1.IUserNamespace): runtime.v1.UserNamespace;

            /**
             * Encodes the specified UserNamespace message. Does not implicitly {@link runtime.v1.UserNamespace.verify|verify} messages.
             * @param message UserNamespace message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IUserNamespace, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a UserNamespace message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns UserNamespace
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.UserNamespace;
        }

        /** Properties of a NamespaceOption. */
        interface INamespaceOption {

            /** NamespaceOption network */
            network?: (runtime.v1.NamespaceMode|null);

            /** NamespaceOption pid */
            pid?: (runtime.v1.NamespaceMode|null);

            /** NamespaceOption ipc */
            ipc?: (runtime.v1.NamespaceMode|null);

            /** NamespaceOption targetId */
            targetId?: (string|null);

            /** NamespaceOption usernsOptions */
            usernsOptions?: (runtime.v1.IUserNamespace|null);
        }

        /** Represents a NamespaceOption. */
        class NamespaceOption implements INamespaceOption {

            /**
             * Constructs a new NamespaceOption.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.INamespaceOption);

            /** NamespaceOption network. */
            public network: runtime.v1.NamespaceMode;

            /** NamespaceOption pid. */
            public pid: runtime.v1.NamespaceMode;

            /** NamespaceOption ipc. */
            public ipc: runtime.v1.NamespaceMode;

            /** NamespaceOption targetId. */
            public targetId: string;

            /** NamespaceOption usernsOptions. */
            public usernsOptions?: (runtime.v1.IUserNamespace|null);

            /**
             * Creates a new NamespaceOption instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NamespaceOption instance
             */
            public static create(properties?: runtime.v1.INamespaceOption): runtime.v1.NamespaceOption;

            /**
             * Encodes the specified NamespaceOption message. Does not implicitly {@link runtime.v1.NamespaceOption.verify|verify} messages.
             * @param message NamespaceOption message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.INamespaceOption, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NamespaceOption message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns NamespaceOption
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.NamespaceOption;
        }

        /** SupplementalGroupsPolicy enum. */
        enum SupplementalGroupsPolicy {
            Merge = 0,
            Strict = 1
        }

        /** Properties of an Int64Value. */
        interface IInt64Value {

            /** Int64Value value */
            value?: (number|Long|null);
        }

        /** Represents an Int64Value. */
        class Int64Value implements IInt64Value {

            /**
             * Constructs a new Int64Value.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IInt64Value);

            /** Int64Value value. */
            public value: (number|Long);

            /**
             * Creates a new Int64Value instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Int64Value instance
             */
            public static create(properties?: runtime.v1.IInt64Value): runtime.v1.Int64Value;

            /**
             * Encodes the specified Int64Value message. Does not implicitly {@link runtime.v1.Int64Value.verify|verify} messages.
             * @param message Int64Value message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IInt64Value, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Int64Value message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Int64Value
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.Int64Value;
        }

        /** Properties of a LinuxSandboxSecurityContext. */
        interface ILinuxSandboxSecurityContext {

            /** LinuxSandboxSecurityContext namespaceOptions */
            namespaceOptions?: (runtime.v1.INamespaceOption|null);

            /** LinuxSandboxSecurityContext selinuxOptions */
            selinuxOptions?: (runtime.v1.ISELinuxOption|null);

            /** LinuxSandboxSecurityContext runAsUser */
            runAsUser?: (runtime.v1.IInt64Value|null);

            /** LinuxSandboxSecurityContext runAsGroup */
            runAsGroup?: (runtime.v1.IInt64Value|null);

            /** LinuxSandboxSecurityContext readonlyRootfs */
            readonlyRootfs?: (boolean|null);

            /** LinuxSandboxSecurityContext supplementalGroups */
            supplementalGroups?: ((number|Long)[]|null);

            /** LinuxSandboxSecurityContext supplementalGroupsPolicy */
            supplementalGroupsPolicy?: (runtime.v1.SupplementalGroupsPolicy|null);

            /** LinuxSandboxSecurityContext privileged */
            privileged?: (boolean|null);

            /** LinuxSandboxSecurityContext seccomp */
            seccomp?: (runtime.v1.ISecurityProfile|null);

            /** LinuxSandboxSecurityContext apparmor */
            apparmor?: (runtime.v1.ISecurityProfile|null);

            /** LinuxSandboxSecurityContext seccompProfilePath */
            seccompProfilePath?: (string|null);
        }

        /** Represents a LinuxSandboxSecurityContext. */
        class LinuxSandboxSecurityContext implements ILinuxSandboxSecurityContext {

            /**
             * Constructs a new LinuxSandboxSecurityContext.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.ILinuxSandboxSecurityContext);

            /** LinuxSandboxSecurityContext namespaceOptions. */
            public namespaceOptions?: (runtime.v1.INamespaceOption|null);

            /** LinuxSandboxSecurityContext selinuxOptions. */
            public selinuxOptions?: (runtime.v1.ISELinuxOption|null);

            /** LinuxSandboxSecurityContext runAsUser. */
            public runAsUser?: (runtime.v1.IInt64Value|null);

            /** LinuxSandboxSecurityContext runAsGroup. */
            public runAsGroup?: (runtime.v1.IInt64Value|null);

            /** LinuxSandboxSecurityContext readonlyRootfs. */
            public readonlyRootfs: boolean;

            /** LinuxSandboxSecurityContext supplementalGroups. */
            public supplementalGroups: (number|Long)[];

            /** LinuxSandboxSecurityContext supplementalGroupsPolicy. */
            public supplementalGroupsPolicy: runtime.v1.SupplementalGroupsPolicy;

            /** LinuxSandboxSecurityContext privileged. */
            public privileged: boolean;

            /** LinuxSandboxSecurityContext seccomp. */
            public seccomp?: (runtime.v1.ISecurityProfile|null);

            /** LinuxSandboxSecurityContext apparmor. */
            public apparmor?: (runtime.v1.ISecurityProfile|null);

            /** LinuxSandboxSecurityContext seccompProfilePath. */
            public seccompProfilePath: string;

            /**
             * Creates a new LinuxSandboxSecurityContext instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LinuxSandboxSecurityContext instance
             */
            public static create(properties?: runtime.v1.ILinuxSandboxSecurityContext): runtime.v1.LinuxSandboxSecurityContext;

            /**
             * Encodes the specified LinuxSandboxSecurityContext message. Does not implicitly {@link runtime.v1.LinuxSandboxSecurityContext.verify|verify} messages.
             * @param message LinuxSandboxSecurityContext message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.ILinuxSandboxSecurityContext, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LinuxSandboxSecurityContext message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns LinuxSandboxSecurityContext
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.LinuxSandboxSecurityContext;
        }

        /** Properties of a SecurityProfile. */
        interface ISecurityProfile {

            /** SecurityProfile profileType */
            profileType?: (runtime.v1.SecurityProfile.ProfileType|null);

            /** SecurityProfile localhostRef */
            localhostRef?: (string|null);
        }

        /** Represents a SecurityProfile. */
        class SecurityProfile implements ISecurityProfile {

            /**
             * Constructs a new SecurityProfile.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.ISecurityProfile);

            /** SecurityProfile profileType. */
            public profileType: runtime.v1.SecurityProfile.ProfileType;

            /** SecurityProfile localhostRef. */
            public localhostRef: string;

            /**
             * Creates a new SecurityProfile instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SecurityProfile instance
             */
            public static create(properties?: runtime.v1.ISecurityProfile): runtime.v1.SecurityProfile;

            /**
             * Encodes the specified SecurityProfile message. Does not implicitly {@link runtime.v1.SecurityProfile.verify|verify} messages.
             * @param message SecurityProfile message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.ISecurityProfile, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SecurityProfile message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns SecurityProfile
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.SecurityProfile;
        }

        namespace SecurityProfile {

            /** ProfileType enum. */
            enum ProfileType {
                RuntimeDefault = 0,
                Unconfined = 1,
                Localhost = 2
            }
        }

        /** Properties of a LinuxPodSandboxConfig. */
        interface ILinuxPodSandboxConfig {

            /** LinuxPodSandboxConfig cgroupParent */
            cgroupParent?: (string|null);

            /** LinuxPodSandboxConfig securityContext */
            securityContext?: (runtime.v1.ILinuxSandboxSecurityContext|null);

            /** LinuxPodSandboxConfig sysctls */
            sysctls?: ({ [k: string]: string }|null);

            /** LinuxPodSandboxConfig overhead */
            overhead?: (runtime.v1.ILinuxContainerResources|null);

            /** LinuxPodSandboxConfig resources */
            resources?: (runtime.v1.ILinuxContainerResources|null);
        }

        /** Represents a LinuxPodSandboxConfig. */
        class LinuxPodSandboxConfig implements ILinuxPodSandboxConfig {

            /**
             * Constructs a new LinuxPodSandboxConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.ILinuxPodSandboxConfig);

            /** LinuxPodSandboxConfig cgroupParent. */
            public cgroupParent: string;

            /** LinuxPodSandboxConfig securityContext. */
            public securityContext?: (runtime.v1.ILinuxSandboxSecurityContext|null);

            /** LinuxPodSandboxConfig sysctls. */
            public sysctls: { [k: string]: string };

            /** LinuxPodSandboxConfig overhead. */
            public overhead?: (runtime.v1.ILinuxContainerResources|null);

            /** LinuxPodSandboxConfig resources. */
            public resources?: (runtime.v1.ILinuxContainerResources|null);

            /**
             * Creates a new LinuxPodSandboxConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LinuxPodSandboxConfig instance
             */
            public static create(properties?: runtime.v1.ILinuxPodSandboxConfig): runtime.v1.LinuxPodSandboxConfig;

            /**
             * Encodes the specified LinuxPodSandboxConfig message. Does not implicitly {@link runtime.v1.LinuxPodSandboxConfig.verify|verify} messages.
             * @param message LinuxPodSandboxConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.ILinuxPodSandboxConfig, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LinuxPodSandboxConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns LinuxPodSandboxConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.LinuxPodSandboxConfig;
        }

        /** Properties of a PodSandboxMetadata. */
        interface IPodSandboxMetadata {

            /** PodSandboxMetadata name */
            name?: (string|null);

            /** PodSandboxMetadata uid */
            uid?: (string|null);

            /** PodSandboxMetadata namespace */
            namespace?: (string|null);

            /** PodSandboxMetadata attempt */
            attempt?: (number|null);
        }

        /** Represents a PodSandboxMetadata. */
        class PodSandboxMetadata implements IPodSandboxMetadata {

            /**
             * Constructs a new PodSandboxMetadata.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPodSandboxMetadata);

            /** PodSandboxMetadata name. */
            public name: string;

            /** PodSandboxMetadata uid. */
            public uid: string;

            /** PodSandboxMetadata namespace. */
            public namespace: string;

            /** PodSandboxMetadata attempt. */
            public attempt: number;

            /**
             * Creates a new PodSandboxMetadata instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PodSandboxMetadata instance
             */
            public static create(properties?: runtime.v1.IPodSandboxMetadata): runtime.v1.PodSandboxMetadata;

            /**
             * Encodes the specified PodSandboxMetadata message. Does not implicitly {@link runtime.v1.PodSandboxMetadata.verify|verify} messages.
             * @param message PodSandboxMetadata message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPodSandboxMetadata, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PodSandboxMetadata message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PodSandboxMetadata
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PodSandboxMetadata;
        }

        /** Properties of a PodSandboxConfig. */
        interface IPodSandboxConfig {

            /** PodSandboxConfig metadata */
            metadata?: (runtime.v1.IPodSandboxMetadata|null);

            /** PodSandboxConfig hostname */
            hostname?: (string|null);

            /** PodSandboxConfig logDirectory */
            logDirectory?: (string|null);

            /** PodSandboxConfig dnsConfig */
            dnsConfig?: (runtime.v1.IDNSConfig|null);

            /** PodSandboxConfig portMappings */
            portMappings?: (runtime.v1.IPortMapping[]|null);

            /** PodSandboxConfig labels */
            labels?: ({ [k: string]: string }|null);

            /** PodSandboxConfig annotations */
            annotations?: ({ [k: string]: string }|null);

            /** PodSandboxConfig linux */
            linux?: (runtime.v1.ILinuxPodSandboxConfig|null);

            /** PodSandboxConfig windows */
            windows?: (runtime.v1.IWindowsPodSandboxConfig|null);
        }

        /** Represents a PodSandboxConfig. */
        class PodSandboxConfig implements IPodSandboxConfig {

            /**
             * Constructs a new PodSandboxConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPodSandboxConfig);

            /** PodSandboxConfig metadata. */
            public metadata?: (runtime.v1.IPodSandboxMetadata|null);

            /** PodSandboxConfig hostname. */
            public hostname: string;

            /** PodSandboxConfig logDirectory. */
            public logDirectory: string;

            /** PodSandboxConfig dnsConfig. */
            public dnsConfig?: (runtime.v1.IDNSConfig|null);

            /** PodSandboxConfig portMappings. */
            public portMappings: runtime.v1.IPortMapping[];

            /** PodSandboxConfig labels. */
            public labels: { [k: string]: string };

            /** PodSandboxConfig annotations. */
            public annotations: { [k: string]: string };

            /** PodSandboxConfig linux. */
            public linux?: (runtime.v1.ILinuxPodSandboxConfig|null);

            /** PodSandboxConfig windows. */
            public windows?: (runtime.v1.IWindowsPodSandboxConfig|null);

            /**
             * Creates a new PodSandboxConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PodSandboxConfig instance
             */
            public static create(properties?: runtime.v1.IPodSandboxConfig): runtime.v1.PodSandboxConfig;

            /**
             * Encodes the specified PodSandboxConfig message. Does not implicitly {@link runtime.v1.PodSandboxConfig.verify|verify} messages.
             * @param message PodSandboxConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPodSandboxConfig, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PodSandboxConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PodSandboxConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PodSandboxConfig;
        }

        /** Properties of a RunPodSandboxRequest. */
        interface IRunPodSandboxRequest {

            /** RunPodSandboxRequest config */
            config?: (runtime.v1.IPodSandboxConfig|null);

            /** RunPodSandboxRequest runtimeHandler */
            runtimeHandler?: (string|null);
        }

        /** Represents a RunPodSandboxRequest. */
        class RunPodSandboxRequest implements IRunPodSandboxRequest {

            /**
             * Constructs a new RunPodSandboxRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IRunPodSandboxRequest);

            /** RunPodSandboxRequest config. */
            public config?: (runtime.v1.IPodSandboxConfig|null);

            /** RunPodSandboxRequest runtimeHandler. */
            public runtimeHandler: string;

            /**
             * Creates a new RunPodSandboxRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RunPodSandboxRequest instance
             */
            public static create(properties?: runtime.v1.IRunPodSandboxRequest): runtime.v1.RunPodSandboxRequest;

            /**
             * Encodes the specified RunPodSandboxRequest message. Does not implicitly {@link runtime.v1.RunPodSandboxRequest.verify|verify} messages.
             * @param message RunPodSandboxRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IRunPodSandboxRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RunPodSandboxRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns RunPodSandboxRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.RunPodSandboxRequest;
        }

        /** Properties of a RunPodSandboxResponse. */
        interface IRunPodSandboxResponse {

            /** RunPodSandboxResponse podSandboxId */
            podSandboxId?: (string|null);
        }

        /** Represents a RunPodSandboxResponse. */
        class RunPodSandboxResponse implements IRunPodSandboxResponse {

            /**
             * Constructs a new RunPodSandboxResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IRunPodSandboxResponse);

            /** RunPodSandboxResponse podSandboxId. */
            public podSandboxId: string;

            /**
             * Creates a new RunPodSandboxResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RunPodSandboxResponse instance
             */
            public static create(properties?: runtime.v1.IRunPodSandboxResponse): runtime.v1.RunPodSandboxResponse;

            /**
             * Encodes the specified RunPodSandboxResponse message. Does not implicitly {@link runtime.v1.RunPodSandboxResponse.verify|verify} messages.
             * @param message RunPodSandboxResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IRunPodSandboxResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RunPodSandboxResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns RunPodSandboxResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.RunPodSandboxResponse;
        }

        /** Properties of a StopPodSandboxRequest. */
        interface IStopPodSandboxRequest {

            /** StopPodSandboxRequest podSandboxId */
            podSandboxId?: (string|null);
        }

        /** Represents a StopPodSandboxRequest. */
        class StopPodSandboxRequest implements IStopPodSandboxRequest {

            /**
             * Constructs a new StopPodSandboxRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IStopPodSandboxRequest);

            /** StopPodSandboxRequest podSandboxId. */
            public podSandboxId: string;

            /**
             * Creates a new StopPodSandboxRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StopPodSandboxRequest instance
             */
            public static create(properties?: runtime.v1.IStopPodSandboxRequest): runtime.v1.StopPodSandboxRequest;

            /**
             * Encodes the specified StopPodSandboxRequest message. Does not implicitly {@link runtime.v1.StopPodSandboxRequest.verify|verify} messages.
             * @param message StopPodSandboxRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IStopPodSandboxRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StopPodSandboxRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StopPodSandboxRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.StopPodSandboxRequest;
        }

        /** Properties of a StopPodSandboxResponse. */
        interface IStopPodSandboxResponse {
        }

        /** Represents a StopPodSandboxResponse. */
        class StopPodSandboxResponse implements IStopPodSandboxResponse {

            /**
             * Constructs a new StopPodSandboxResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IStopPodSandboxResponse);

            /**
             * Creates a new StopPodSandboxResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StopPodSandboxResponse instance
             */
            public static create(properties?: runtime.v1.IStopPodSandboxResponse): runtime.v1.StopPodSandboxResponse;

            /**
             * Encodes the specified StopPodSandboxResponse message. Does not implicitly {@link runtime.v1.StopPodSandboxResponse.verify|verify} messages.
             * @param message StopPodSandboxResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IStopPodSandboxResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StopPodSandboxResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StopPodSandboxResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.StopPodSandboxResponse;
        }

        /** Properties of a RemovePodSandboxRequest. */
        interface IRemovePodSandboxRequest {

            /** RemovePodSandboxRequest podSandboxId */
            podSandboxId?: (string|null);
        }

        /** Represents a RemovePodSandboxRequest. */
        class RemovePodSandboxRequest implements IRemovePodSandboxRequest {

            /**
             * Constructs a new RemovePodSandboxRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IRemovePodSandboxRequest);

            /** RemovePodSandboxRequest podSandboxId. */
            public podSandboxId: string;

            /**
             * Creates a new RemovePodSandboxRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RemovePodSandboxRequest instance
             */
            public static create(properties?: runtime.v1.IRemovePodSandboxRequest): runtime.v1.RemovePodSandboxRequest;

            /**
             * Encodes the specified RemovePodSandboxRequest message. Does not implicitly {@link runtime.v1.RemovePodSandboxRequest.verify|verify} messages.
             * @param message RemovePodSandboxRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IRemovePodSandboxRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RemovePodSandboxRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns RemovePodSandboxRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.RemovePodSandboxRequest;
        }

        /** Properties of a RemovePodSandboxResponse. */
        interface IRemovePodSandboxResponse {
        }

        /** Represents a RemovePodSandboxResponse. */
        class RemovePodSandboxResponse implements IRemovePodSandboxResponse {

            /**
             * Constructs a new RemovePodSandboxResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IRemovePodSandboxResponse);

            /**
             * Creates a new RemovePodSandboxResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RemovePodSandboxResponse instance
             */
            public static create(properties?: runtime.v1.IRemovePodSandboxResponse): runtime.v1.RemovePodSandboxResponse;

            /**
             * Encodes the specified RemovePodSandboxResponse message. Does not implicitly {@link runtime.v1.RemovePodSandboxResponse.verify|verify} messages.
             * @param message RemovePodSandboxResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IRemovePodSandboxResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RemovePodSandboxResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns RemovePodSandboxResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.RemovePodSandboxResponse;
        }

        /** Properties of a PodSandboxStatusRequest. */
        interface IPodSandboxStatusRequest {

            /** PodSandboxStatusRequest podSandboxId */
            podSandboxId?: (string|null);

            /** PodSandboxStatusRequest verbose */
            verbose?: (boolean|null);
        }

        /** Represents a PodSandboxStatusRequest. */
        class PodSandboxStatusRequest implements IPodSandboxStatusRequest {

            /**
             * Constructs a new PodSandboxStatusRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPodSandboxStatusRequest);

            /** PodSandboxStatusRequest podSandboxId. */
            public podSandboxId: string;

            /** PodSandboxStatusRequest verbose. */
            public verbose: boolean;

            /**
             * Creates a new PodSandboxStatusRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PodSandboxStatusRequest instance
             */
            public static create(properties?: runtime.v1.IPodSandboxStatusRequest): runtime.v1.PodSandboxStatusRequest;

            /**
             * Encodes the specified PodSandboxStatusRequest message. Does not implicitly {@link runtime.v1.PodSandboxStatusRequest.verify|verify} messages.
             * @param message PodSandboxStatusRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPodSandboxStatusRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PodSandboxStatusRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PodSandboxStatusRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PodSandboxStatusRequest;
        }

        /** Properties of a PodIP. */
        interface IPodIP {

            /** PodIP ip */
            ip?: (string|null);
        }

        /** Represents a PodIP. */
        class PodIP implements IPodIP {

            /**
             * Constructs a new PodIP.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPodIP);

            /** PodIP ip. */
            public ip: string;

            /**
             * Creates a new PodIP instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PodIP instance
             */
            public static create(properties?: runtime.v1.IPodIP): runtime.v1.PodIP;

            /**
             * Encodes the specified PodIP message. Does not implicitly {@link runtime.v1.PodIP.verify|verify} messages.
             * @param message PodIP message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPodIP, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PodIP message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PodIP
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PodIP;
        }

        /** Properties of a PodSandboxNetworkStatus. */
        interface IPodSandboxNetworkStatus {

            /** PodSandboxNetworkStatus ip */
            ip?: (string|null);

            /** PodSandboxNetworkStatus additionalIps */
            additionalIps?: (runtime.v1.IPodIP[]|null);
        }

        /** Represents a PodSandboxNetworkStatus. */
        class PodSandboxNetworkStatus implements IPodSandboxNetworkStatus {

            /**
             * Constructs a new PodSandboxNetworkStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPodSandboxNetworkStatus);

            /** PodSandboxNetworkStatus ip. */
            public ip: string;

            /** PodSandboxNetworkStatus additionalIps. */
            public additionalIps: runtime.v1.IPodIP[];

            /**
             * Creates a new PodSandboxNetworkStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PodSandboxNetworkStatus instance
             */
            public static create(properties?: runtime.v1.IPodSandboxNetworkStatus): runtime.v1.PodSandboxNetworkStatus;

            /**
             * Encodes the specified PodSandboxNetworkStatus message. Does not implicitly {@link runtime.v1.PodSandboxNetworkStatus.verify|verify} messages.
             * @param message PodSandboxNetworkStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPodSandboxNetworkStatus, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PodSandboxNetworkStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PodSandboxNetworkStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PodSandboxNetworkStatus;
        }

        /** Properties of a Namespace. */
        interface INamespace {

            /** Namespace options */
            options?: (runtime.v1.INamespaceOption|null);
        }

        /** Represents a Namespace. */
        class Namespace implements INamespace {

            /**
             * Constructs a new Namespace.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.INamespace);

            /** Namespace options. */
            public options?: (runtime.v1.INamespaceOption|null);

            /**
             * Creates a new Namespace instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Namespace instance
             */
            public static create(properties?: runtime.v1.INamespace): runtime.v1.Namespace;

            /**
             * Encodes the specified Namespace message. Does not implicitly {@link runtime.v1.Namespace.verify|verify} messages.
             * @param message Namespace message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.INamespace, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Namespace message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Namespace
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.Namespace;
        }

        /** Properties of a LinuxPodSandboxStatus. */
        interface ILinuxPodSandboxStatus {

            /** LinuxPodSandboxStatus namespaces */
            namespaces?: (runtime.v1.INamespace|null);
        }

        /** Represents a LinuxPodSandboxStatus. */
        class LinuxPodSandboxStatus implements ILinuxPodSandboxStatus {

            /**
             * Constructs a new LinuxPodSandboxStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.ILinuxPodSandboxStatus);

            /** LinuxPodSandboxStatus namespaces. */
            public namespaces?: (runtime.v1.INamespace|null);

            /**
             * Creates a new LinuxPodSandboxStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LinuxPodSandboxStatus instance
             */
            public static create(properties?: runtime.v1.ILinuxPodSandboxStatus): runtime.v1.LinuxPodSandboxStatus;

            /**
             * Encodes the specified LinuxPodSandboxStatus message. Does not implicitly {@link runtime.v1.LinuxPodSandboxStatus.verify|verify} messages.
             * @param message LinuxPodSandboxStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.ILinuxPodSandboxStatus, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LinuxPodSandboxStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns LinuxPodSandboxStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.LinuxPodSandboxStatus;
        }

        /** PodSandboxState enum. */
        enum PodSandboxState {
            SANDBOX_READY = 0,
            SANDBOX_NOTREADY = 1
        }

        /** Properties of a PodSandboxStatus. */
        interface IPodSandboxStatus {

            /** PodSandboxStatus id */
            id?: (string|null);

            /** PodSandboxStatus metadata */
            metadata?: (runtime.v1.IPodSandboxMetadata|null);

            /** PodSandboxStatus state */
            state?: (runtime.v1.PodSandboxState|null);

            /** PodSandboxStatus createdAt */
            createdAt?: (number|Long|null);

            /** PodSandboxStatus network */
            network?: (runtime.v1.IPodSandboxNetworkStatus|null);

            /** PodSandboxStatus linux */
            linux?: (runtime.v1.ILinuxPodSandboxStatus|null);

            /** PodSandboxStatus labels */
            labels?: ({ [k: string]: string }|null);

            /** PodSandboxStatus annotations */
            annotations?: ({ [k: string]: string }|null);

            /** PodSandboxStatus runtimeHandler */
            runtimeHandler?: (string|null);
        }

        /** Represents a PodSandboxStatus. */
        class PodSandboxStatus implements IPodSandboxStatus {

            /**
             * Constructs a new PodSandboxStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPodSandboxStatus);

            /** PodSandboxStatus id. */
            public id: string;

            /** PodSandboxStatus metadata. */
            public metadata?: (runtime.v1.IPodSandboxMetadata|null);

            /** PodSandboxStatus state. */
            public state: runtime.v1.PodSandboxState;

            /** PodSandboxStatus createdAt. */
            public createdAt: (number|Long);

            /** PodSandboxStatus network. */
            public network?: (runtime.v1.IPodSandboxNetworkStatus|null);

            /** PodSandboxStatus linux. */
            public linux?: (runtime.v1.ILinuxPodSandboxStatus|null);

            /** PodSandboxStatus labels. */
            public labels: { [k: string]: string };

            /** PodSandboxStatus annotations. */
            public annotations: { [k: string]: string };

            /** PodSandboxStatus runtimeHandler. */
            public runtimeHandler: string;

            /**
             * Creates a new PodSandboxStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PodSandboxStatus instance
             */
            public static create(properties?: runtime.v1.IPodSandboxStatus): runtime.v1.PodSandboxStatus;

            /**
             * Encodes the specified PodSandboxStatus message. Does not implicitly {@link runtime.v1.PodSandboxStatus.verify|verify} messages.
             * @param message PodSandboxStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPodSandboxStatus, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PodSandboxStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PodSandboxStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PodSandboxStatus;
        }

        /** Properties of a PodSandboxStatusResponse. */
        interface IPodSandboxStatusResponse {

            /** PodSandboxStatusResponse status */
            status?: (runtime.v1.IPodSandboxStatus|null);

            /** PodSandboxStatusResponse info */
            info?: ({ [k: string]: string }|null);

            /** PodSandboxStatusResponse containersStatuses */
            containersStatuses?: (runtime.v1.IContainerStatus[]|null);

            /** PodSandboxStatusResponse timestamp */
            timestamp?: (number|Long|null);
        }

        /** Represents a PodSandboxStatusResponse. */
        class PodSandboxStatusResponse implements IPodSandboxStatusResponse {

            /**
             * Constructs a new PodSandboxStatusResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPodSandboxStatusResponse);

            /** PodSandboxStatusResponse status. */
            public status?: (runtime.v1.IPodSandboxStatus|null);

            /** PodSandboxStatusResponse info. */
            public info: { [k: string]: string };

            /** PodSandboxStatusResponse containersStatuses. */
            public containersStatuses: runtime.v1.IContainerStatus[];

            /** PodSandboxStatusResponse timestamp. */
            public timestamp: (number|Long);

            /**
             * Creates a new PodSandboxStatusResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PodSandboxStatusResponse instance
             */
            public static create(properties?: runtime.v1.IPodSandboxStatusResponse): runtime.v1.PodSandboxStatusResponse;

            /**
             * Encodes the specified PodSandboxStatusResponse message. Does not implicitly {@link runtime.v1.PodSandboxStatusResponse.verify|verify} messages.
             * @param message PodSandboxStatusResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPodSandboxStatusResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PodSandboxStatusResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PodSandboxStatusResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PodSandboxStatusResponse;
        }

        /** Properties of a PodSandboxStateValue. */
        interface IPodSandboxStateValue {

            /** PodSandboxStateValue state */
            state?: (runtime.v1.PodSandboxState|null);
        }

        /** Represents a PodSandboxStateValue. */
        class PodSandboxStateValue implements IPodSandboxStateValue {

            /**
             * Constructs a new PodSandboxStateValue.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPodSandboxStateValue);

            /** PodSandboxStateValue state. */
            public state: runtime.v1.PodSandboxState;

            /**
             * Creates a new PodSandboxStateValue instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PodSandboxStateValue instance
             */
            public static create(properties?: runtime.v1.IPodSandboxStateValue): runtime.v1.PodSandboxStateValue;

            /**
             * Encodes the specified PodSandboxStateValue message. Does not implicitly {@link runtime.v1.PodSandboxStateValue.verify|verify} messages.
             * @param message PodSandboxStateValue message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPodSandboxStateValue, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PodSandboxStateValue message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PodSandboxStateValue
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PodSandboxStateValue;
        }

        /** Properties of a PodSandboxFilter. */
        interface IPodSandboxFilter {

            /** PodSandboxFilter id */
            id?: (string|null);

            /** PodSandboxFilter state */
            state?: (runtime.v1.IPodSandboxStateValue|null);

            /** PodSandboxFilter labelSelector */
            labelSelector?: ({ [k: string]: string }|null);
        }

        /** Represents a PodSandboxFilter. */
        class PodSandboxFilter implements IPodSandboxFilter {

            /**
             * Constructs a new PodSandboxFilter.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPodSandboxFilter);

            /** PodSandboxFilter id. */
            public id: string;

            /** PodSandboxFilter state. */
            public state?: (runtime.v1.IPodSandboxStateValue|null);

            /** PodSandboxFilter labelSelector. */
            public labelSelector: { [k: string]: string };

            /**
             * Creates a new PodSandboxFilter instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PodSandboxFilter instance
             */
            public static create(properties?: runtime.v1.IPodSandboxFilter): runtime.v1.PodSandboxFilter;

            /**
             * Encodes the specified PodSandboxFilter message. Does not implicitly {@link runtime.v1.PodSandboxFilter.verify|verify} messages.
             * @param message PodSandboxFilter message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPodSandboxFilter, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PodSandboxFilter message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PodSandboxFilter
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PodSandboxFilter;
        }

        /** Properties of a ListPodSandboxRequest. */
        interface IListPodSandboxRequest {

            /** ListPodSandboxRequest filter */
            filter?: (runtime.v1.IPodSandboxFilter|null);
        }

        /** Represents a ListPodSandboxRequest. */
        class ListPodSandboxRequest implements IListPodSandboxRequest {

            /**
             * Constructs a new ListPodSandboxRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IListPodSandboxRequest);

            /** ListPodSandboxRequest filter. */
            public filter?: (runtime.v1.IPodSandboxFilter|null);

            /**
             * Creates a new ListPodSandboxRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListPodSandboxRequest instance
             */
            public static create(properties?: runtime.v1.IListPodSandboxRequest): runtime.v1.ListPodSandboxRequest;

            /**
             * Encodes the specified ListPodSandboxRequest message. Does not implicitly {@link runtime.v1.ListPodSandboxRequest.verify|verify} messages.
             * @param message ListPodSandboxRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IListPodSandboxRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListPodSandboxRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ListPodSandboxRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ListPodSandboxRequest;
        }

        /** Properties of a PodSandbox. */
        interface IPodSandbox {

            /** PodSandbox id */
            id?: (string|null);

            /** PodSandbox metadata */
            metadata?: (runtime.v1.IPodSandboxMetadata|null);

            /** PodSandbox state */
            state?: (runtime.v1.PodSandboxState|null);

            /** PodSandbox createdAt */
            createdAt?: (number|Long|null);

            /** PodSandbox labels */
            labels?: ({ [k: string]: string }|null);

            /** PodSandbox annotations */
            annotations?: ({ [k: string]: string }|null);

            /** PodSandbox runtimeHandler */
            runtimeHandler?: (string|null);
        }

        /** Represents a PodSandbox. */
        class PodSandbox implements IPodSandbox {

            /**
             * Constructs a new PodSandbox.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPodSandbox);

            /** PodSandbox id. */
            public id: string;

            /** PodSandbox metadata. */
            public metadata?: (runtime.v1.IPodSandboxMetadata|null);

            /** PodSandbox state. */
            public state: runtime.v1.PodSandboxState;

            /** PodSandbox createdAt. */
            public createdAt: (number|Long);

            /** PodSandbox labels. */
            public labels: { [k: string]: string };

            /** PodSandbox annotations. */
            public annotations: { [k: string]: string };

            /** PodSandbox runtimeHandler. */
            public runtimeHandler: string;

            /**
             * Creates a new PodSandbox instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PodSandbox instance
             */
            public static create(properties?: runtime.v1.IPodSandbox): runtime.v1.PodSandbox;

            /**
             * Encodes the specified PodSandbox message. Does not implicitly {@link runtime.v1.PodSandbox.verify|verify} messages.
             * @param message PodSandbox message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPodSandbox, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PodSandbox message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PodSandbox
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PodSandbox;
        }

        /** Properties of a ListPodSandboxResponse. */
        interface IListPodSandboxResponse {

            /** ListPodSandboxResponse items */
            items?: (runtime.v1.IPodSandbox[]|null);
        }

        /** Represents a ListPodSandboxResponse. */
        class ListPodSandboxResponse implements IListPodSandboxResponse {

            /**
             * Constructs a new ListPodSandboxResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IListPodSandboxResponse);

            /** ListPodSandboxResponse items. */
            public items: runtime.v1.IPodSandbox[];

            /**
             * Creates a new ListPodSandboxResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListPodSandboxResponse instance
             */
            public static create(properties?: runtime.v1.IListPodSandboxResponse): runtime.v1.ListPodSandboxResponse;

            /**
             * Encodes the specified ListPodSandboxResponse message. Does not implicitly {@link runtime.v1.ListPodSandboxResponse.verify|verify} messages.
             * @param message ListPodSandboxResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IListPodSandboxResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListPodSandboxResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ListPodSandboxResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ListPodSandboxResponse;
        }

        /** Properties of a StreamPodSandboxesRequest. */
        interface IStreamPodSandboxesRequest {

            /** StreamPodSandboxesRequest filter */
            filter?: (runtime.v1.IPodSandboxFilter|null);
        }

        /** Represents a StreamPodSandboxesRequest. */
        class StreamPodSandboxesRequest implements IStreamPodSandboxesRequest {

            /**
             * Constructs a new StreamPodSandboxesRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IStreamPodSandboxesRequest);

            /** StreamPodSandboxesRequest filter. */
            public filter?: (runtime.v1.IPodSandboxFilter|null);

            /**
             * Creates a new StreamPodSandboxesRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StreamPodSandboxesRequest instance
             */
            public static create(properties?: runtime.v1.IStreamPodSandboxesRequest): runtime.v1.StreamPodSandboxesRequest;

            /**
             * Encodes the specified StreamPodSandboxesRequest message. Does not implicitly {@link runtime.v1.StreamPodSandboxesRequest.verify|verify} messages.
             * @param message StreamPodSandboxesRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IStreamPodSandboxesRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StreamPodSandboxesRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StreamPodSandboxesRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.StreamPodSandboxesRequest;
        }

        /** Properties of a StreamPodSandboxesResponse. */
        interface IStreamPodSandboxesResponse {

            /** StreamPodSandboxesResponse podSandboxes */
            podSandboxes?: (runtime.v1.IPodSandbox[]|null);
        }

        /** Represents a StreamPodSandboxesResponse. */
        class StreamPodSandboxesResponse implements IStreamPodSandboxesResponse {

            /**
             * Constructs a new StreamPodSandboxesResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IStreamPodSandboxesResponse);

            /** StreamPodSandboxesResponse podSandboxes. */
            public podSandboxes: runtime.v1.IPodSandbox[];

            /**
             * Creates a new StreamPodSandboxesResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StreamPodSandboxesResponse instance
             */
            public static create(properties?: runtime.v1.IStreamPodSandboxesResponse): runtime.v1.StreamPodSandboxesResponse;

            /**
             * Encodes the specified StreamPodSandboxesResponse message. Does not implicitly {@link runtime.v1.StreamPodSandboxesResponse.verify|verify} messages.
             * @param message StreamPodSandboxesResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IStreamPodSandboxesResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StreamPodSandboxesResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StreamPodSandboxesResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.StreamPodSandboxesResponse;
        }

        /** Properties of a PodSandboxStatsRequest. */
        interface IPodSandboxStatsRequest {

            /** PodSandboxStatsRequest podSandboxId */
            podSandboxId?: (string|null);
        }

        /** Represents a PodSandboxStatsRequest. */
        class PodSandboxStatsRequest implements IPodSandboxStatsRequest {

            /**
             * Constructs a new PodSandboxStatsRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPodSandboxStatsRequest);

            /** PodSandboxStatsRequest podSandboxId. */
            public podSandboxId: string;

            /**
             * Creates a new PodSandboxStatsRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PodSandboxStatsRequest instance
             */
            public static create(properties?: runtime.v1.IPodSandboxStatsRequest): runtime.v1.PodSandboxStatsRequest;

            /**
             * Encodes the specified PodSandboxStatsRequest message. Does not implicitly {@link runtime.v1.PodSandboxStatsRequest.verify|verify} messages.
             * @param message PodSandboxStatsRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPodSandboxStatsRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PodSandboxStatsRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PodSandboxStatsRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PodSandboxStatsRequest;
        }

        /** Properties of a PodSandboxStatsResponse. */
        interface IPodSandboxStatsResponse {

            /** PodSandboxStatsResponse stats */
            stats?: (runtime.v1.IPodSandboxStats|null);
        }

        /** Represents a PodSandboxStatsResponse. */
        class PodSandboxStatsResponse implements IPodSandboxStatsResponse {

            /**
             * Constructs a new PodSandboxStatsResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPodSandboxStatsResponse);

            /** PodSandboxStatsResponse stats. */
            public stats?: (runtime.v1.IPodSandboxStats|null);

            /**
             * Creates a new PodSandboxStatsResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PodSandboxStatsResponse instance
             */
            public static create(properties?: runtime.v1.IPodSandboxStatsResponse): runtime.v1.PodSandboxStatsResponse;

            /**
             * Encodes the specified PodSandboxStatsResponse message. Does not implicitly {@link runtime.v1.PodSandboxStatsResponse.verify|verify} messages.
             * @param message PodSandboxStatsResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPodSandboxStatsResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PodSandboxStatsResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PodSandboxStatsResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PodSandboxStatsResponse;
        }

        /** Properties of a PodSandboxStatsFilter. */
        interface IPodSandboxStatsFilter {

            /** PodSandboxStatsFilter id */
            id?: (string|null);

            /** PodSandboxStatsFilter labelSelector */
            labelSelector?: ({ [k: string]: string }|null);
        }

        /** Represents a PodSandboxStatsFilter. */
        class PodSandboxStatsFilter implements IPodSandboxStatsFilter {

            /**
             * Constructs a new PodSandboxStatsFilter.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPodSandboxStatsFilter);

            /** PodSandboxStatsFilter id. */
            public id: string;

            /** PodSandboxStatsFilter labelSelector. */
            public labelSelector: { [k: string]: string };

            /**
             * Creates a new PodSandboxStatsFilter instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PodSandboxStatsFilter instance
             */
            public static create(properties?: runtime.v1.IPodSandboxStatsFilter): runtime.v1.PodSandboxStatsFilter;

            /**
             * Encodes the specified PodSandboxStatsFilter message. Does not implicitly {@link runtime.v1.PodSandboxStatsFilter.verify|verify} messages.
             * @param message PodSandboxStatsFilter message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPodSandboxStatsFilter, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PodSandboxStatsFilter message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PodSandboxStatsFilter
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PodSandboxStatsFilter;
        }

        /** Properties of a ListPodSandboxStatsRequest. */
        interface IListPodSandboxStatsRequest {

            /** ListPodSandboxStatsRequest filter */
            filter?: (runtime.v1.IPodSandboxStatsFilter|null);
        }

        /** Represents a ListPodSandboxStatsRequest. */
        class ListPodSandboxStatsRequest implements IListPodSandboxStatsRequest {

            /**
             * Constructs a new ListPodSandboxStatsRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IListPodSandboxStatsRequest);

            /** ListPodSandboxStatsRequest filter. */
            public filter?: (runtime.v1.IPodSandboxStatsFilter|null);

            /**
             * Creates a new ListPodSandboxStatsRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListPodSandboxStatsRequest instance
             */
            public static create(properties?: runtime.v1.IListPodSandboxStatsRequest): runtime.v1.ListPodSandboxStatsRequest;

            /**
             * Encodes the specified ListPodSandboxStatsRequest message. Does not implicitly {@link runtime.v1.ListPodSandboxStatsRequest.verify|verify} messages.
             * @param message ListPodSandboxStatsRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IListPodSandboxStatsRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListPodSandboxStatsRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ListPodSandboxStatsRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ListPodSandboxStatsRequest;
        }

        /** Properties of a ListPodSandboxStatsResponse. */
        interface IListPodSandboxStatsResponse {

            /** ListPodSandboxStatsResponse stats */
            stats?: (runtime.v1.IPodSandboxStats[]|null);
        }

        /** Represents a ListPodSandboxStatsResponse. */
        class ListPodSandboxStatsResponse implements IListPodSandboxStatsResponse {

            /**
             * Constructs a new ListPodSandboxStatsResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IListPodSandboxStatsResponse);

            /** ListPodSandboxStatsResponse stats. */
            public stats: runtime.v1.IPodSandboxStats[];

            /**
             * Creates a new ListPodSandboxStatsResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListPodSandboxStatsResponse instance
             */
            public static create(properties?: runtime.v1.IListPodSandboxStatsResponse): runtime.v1.ListPodSandboxStatsResponse;

            /**
             * Encodes the specified ListPodSandboxStatsResponse message. Does not implicitly {@link runtime.v1.ListPodSandboxStatsResponse.verify|verify} messages.
             * @param message ListPodSandboxStatsResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IListPodSandboxStatsResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListPodSandboxStatsResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ListPodSandboxStatsResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ListPodSandboxStatsResponse;
        }

        /** Properties of a StreamPodSandboxStatsRequest. */
        interface IStreamPodSandboxStatsRequest {

            /** StreamPodSandboxStatsRequest filter */
            filter?: (runtime.v1.IPodSandboxStatsFilter|null);
        }

        /** Represents a StreamPodSandboxStatsRequest. */
        class StreamPodSandboxStatsRequest implements IStreamPodSandboxStatsRequest {

            /**
             * Constructs a new StreamPodSandboxStatsRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IStreamPodSandboxStatsRequest);

            /** StreamPodSandboxStatsRequest filter. */
            public filter?: (runtime.v1.IPodSandboxStatsFilter|null);

            /**
             * Creates a new StreamPodSandboxStatsRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StreamPodSandboxStatsRequest instance
             */
            public static create(properties?: runtime.v1.IStreamPodSandboxStatsRequest): runtime.v1.StreamPodSandboxStatsRequest;

            /**
             * Encodes the specified StreamPodSandboxStatsRequest message. Does not implicitly {@link runtime.v1.StreamPodSandboxStatsRequest.verify|verify} messages.
             * @param message StreamPodSandboxStatsRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IStreamPodSandboxStatsRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StreamPodSandboxStatsRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StreamPodSandboxStatsRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.StreamPodSandboxStatsRequest;
        }

        /** Properties of a StreamPodSandboxStatsResponse. */
        interface IStreamPodSandboxStatsResponse {

            /** StreamPodSandboxStatsResponse podSandboxStats */
            podSandboxStats?: (runtime.v1.IPodSandboxStats[]|null);
        }

        /** Represents a StreamPodSandboxStatsResponse. */
        class StreamPodSandboxStatsResponse implements IStreamPodSandboxStatsResponse {

            /**
             * Constructs a new StreamPodSandboxStatsResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IStreamPodSandboxStatsResponse);

            /** StreamPodSandboxStatsResponse podSandboxStats. */
            public podSandboxStats: runtime.v1.IPodSandboxStats[];

            /**
             * Creates a new StreamPodSandboxStatsResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StreamPodSandboxStatsResponse instance
             */
            public static create(properties?: runtime.v1.IStreamPodSandboxStatsResponse): runtime.v1.StreamPodSandboxStatsResponse;

            /**
             * Encodes the specified StreamPodSandboxStatsResponse message. Does not implicitly {@link runtime.v1.StreamPodSandboxStatsResponse.verify|verify} messages.
             * @param message StreamPodSandboxStatsResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IStreamPodSandboxStatsResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StreamPodSandboxStatsResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StreamPodSandboxStatsResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.StreamPodSandboxStatsResponse;
        }

        /** Properties of a PodSandboxAttributes. */
        interface IPodSandboxAttributes {

            /** PodSandboxAttributes id */
            id?: (string|null);

            /** PodSandboxAttributes metadata */
            metadata?: (runtime.v1.IPodSandboxMetadata|null);

            /** PodSandboxAttributes labels */
            labels?: ({ [k: string]: string }|null);

            /** PodSandboxAttributes annotations */
            annotations?: ({ [k: string]: string }|null);
        }

        /** Represents a PodSandboxAttributes. */
        class PodSandboxAttributes implements IPodSandboxAttributes {

            /**
             * Constructs a new PodSandboxAttributes.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPodSandboxAttributes);

            /** PodSandboxAttributes id. */
            public id: string;

            /** PodSandboxAttributes metadata. */
            public metadata?: (runtime.v1.IPodSandboxMetadata|null);

            /** PodSandboxAttributes labels. */
            public labels: { [k: string]: string };

            /** PodSandboxAttributes annotations. */
            public annotations: { [k: string]: string };

            /**
             * Creates a new PodSandboxAttributes instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PodSandboxAttributes instance
             */
            public static create(properties?: runtime.v1.IPodSandboxAttributes): runtime.v1.PodSandboxAttributes;

            /**
             * Encodes the specified PodSandboxAttributes message. Does not implicitly {@link runtime.v1.PodSandboxAttributes.verify|verify} messages.
             * @param message PodSandboxAttributes message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPodSandboxAttributes, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PodSandboxAttributes message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PodSandboxAttributes
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PodSandboxAttributes;
        }

        /** Properties of a PodSandboxStats. */
        interface IPodSandboxStats {

            /** PodSandboxStats attributes */
            attributes?: (runtime.v1.IPodSandboxAttributes|null);

            /** PodSandboxStats linux */
            linux?: (runtime.v1.ILinuxPodSandboxStats|null);

            /** PodSandboxStats windows */
            windows?: (runtime.v1.IWindowsPodSandboxStats|null);
        }

        /** Represents a PodSandboxStats. */
        class PodSandboxStats implements IPodSandboxStats {

            /**
             * Constructs a new PodSandboxStats.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPodSandboxStats);

            /** PodSandboxStats attributes. */
            public attributes?: (runtime.v1.IPodSandboxAttributes|null);

            /** PodSandboxStats linux. */
            public linux?: (runtime.v1.ILinuxPodSandboxStats|null);

            /** PodSandboxStats windows. */
            public windows?: (runtime.v1.IWindowsPodSandboxStats|null);

            /**
             * Creates a new PodSandboxStats instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PodSandboxStats instance
             */
            public static create(properties?: runtime.v1.IPodSandboxStats): runtime.v1.PodSandboxStats;

            /**
             * Encodes the specified PodSandboxStats message. Does not implicitly {@link runtime.v1.PodSandboxStats.verify|verify} messages.
             * @param message PodSandboxStats message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPodSandboxStats, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PodSandboxStats message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PodSandboxStats
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PodSandboxStats;
        }

        /** Properties of a LinuxPodSandboxStats. */
        interface ILinuxPodSandboxStats {

            /** LinuxPodSandboxStats cpu */
            cpu?: (runtime.v1.ICpuUsage|null);

            /** LinuxPodSandboxStats memory */
            memory?: (runtime.v1.IMemoryUsage|null);

            /** LinuxPodSandboxStats network */
            network?: (runtime.v1.INetworkUsage|null);

            /** LinuxPodSandboxStats process */
            process?: (runtime.v1.IProcessUsage|null);

            /** LinuxPodSandboxStats containers */
            containers?: (runtime.v1.IContainerStats[]|null);

            /** LinuxPodSandboxStats io */
            io?: (runtime.v1.IIoUsage|null);
        }

        /** Represents a LinuxPodSandboxStats. */
        class LinuxPodSandboxStats implements ILinuxPodSandboxStats {

            /**
             * Constructs a new LinuxPodSandboxStats.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.ILinuxPodSandboxStats);

            /** LinuxPodSandboxStats cpu. */
            public cpu?: (runtime.v1.ICpuUsage|null);

            /** LinuxPodSandboxStats memory. */
            public memory?: (runtime.v1.IMemoryUsage|null);

            /** LinuxPodSandboxStats network. */
            public network?: (runtime.v1.INetworkUsage|null);

            /** LinuxPodSandboxStats process. */
            public process?: (runtime.v1.IProcessUsage|null);

            /** LinuxPodSandboxStats containers. */
            public containers: runtime.v1.IContainerStats[];

            /** LinuxPodSandboxStats io. */
            public io?: (runtime.v1.IIoUsage|null);

            /**
             * Creates a new LinuxPodSandboxStats instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LinuxPodSandboxStats instance
             */
            public static create(properties?: runtime.v1.ILinuxPodSandboxStats): runtime.v1.LinuxPodSandboxStats;

            /**
             * Encodes the specified LinuxPodSandboxStats message. Does not implicitly {@link runtime.v1.LinuxPodSandboxStats.verify|verify} messages.
             * @param message LinuxPodSandboxStats message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.ILinuxPodSandboxStats, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LinuxPodSandboxStats message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns LinuxPodSandboxStats
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.LinuxPodSandboxStats;
        }

        /** Properties of a WindowsPodSandboxStats. */
        interface IWindowsPodSandboxStats {

            /** WindowsPodSandboxStats cpu */
            cpu?: (runtime.v1.IWindowsCpuUsage|null);

            /** WindowsPodSandboxStats memory */
            memory?: (runtime.v1.IWindowsMemoryUsage|null);

            /** WindowsPodSandboxStats network */
            network?: (runtime.v1.IWindowsNetworkUsage|null);

            /** WindowsPodSandboxStats process */
            process?: (runtime.v1.IWindowsProcessUsage|null);

            /** WindowsPodSandboxStats containers */
            containers?: (runtime.v1.IWindowsContainerStats[]|null);
        }

        /** Represents a WindowsPodSandboxStats. */
        class WindowsPodSandboxStats implements IWindowsPodSandboxStats {

            /**
             * Constructs a new WindowsPodSandboxStats.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IWindowsPodSandboxStats);

            /** WindowsPodSandboxStats cpu. */
            public cpu?: (runtime.v1.IWindowsCpuUsage|null);

            /** WindowsPodSandboxStats memory. */
            public memory?: (runtime.v1.IWindowsMemoryUsage|null);

            /** WindowsPodSandboxStats network. */
            public network?: (runtime.v1.IWindowsNetworkUsage|null);

            /** WindowsPodSandboxStats process. */
            public process?: (runtime.v1.IWindowsProcessUsage|null);

            /** WindowsPodSandboxStats containers. */
            public containers: runtime.v1.IWindowsContainerStats[];

            /**
             * Creates a new WindowsPodSandboxStats instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WindowsPodSandboxStats instance
             */
            public static create(properties?: runtime.v1.IWindowsPodSandboxStats): runtime.v1.WindowsPodSandboxStats;

            /**
             * Encodes the specified WindowsPodSandboxStats message. Does not implicitly {@link runtime.v1.WindowsPodSandboxStats.verify|verify} messages.
             * @param message WindowsPodSandboxStats message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IWindowsPodSandboxStats, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WindowsPodSandboxStats message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns WindowsPodSandboxStats
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.WindowsPodSandboxStats;
        }

        /** Properties of a NetworkUsage. */
        interface INetworkUsage {

            /** NetworkUsage timestamp */
            timestamp?: (number|Long|null);

            /** NetworkUsage defaultInterface */
            defaultInterface?: (runtime.v1.INetworkInterfaceUsage|null);

            /** NetworkUsage interfaces */
            interfaces?: (runtime.v1.INetworkInterfaceUsage[]|null);
        }

        /** Represents a NetworkUsage. */
        class NetworkUsage implements INetworkUsage {

            /**
             * Constructs a new NetworkUsage.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.INetworkUsage);

            /** NetworkUsage timestamp. */
            public timestamp: (number|Long);

            /** NetworkUsage defaultInterface. */
            public defaultInterface?: (runtime.v1.INetworkInterfaceUsage|null);

            /** NetworkUsage interfaces. */
            public interfaces: runtime.v1.INetworkInterfaceUsage[];

            /**
             * Creates a new NetworkUsage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NetworkUsage instance
             */
            public static create(properties?: runtime.v1.INetworkUsage): runtime.v1.NetworkUsage;

            /**
             * Encodes the specified NetworkUsage message. Does not implicitly {@link runtime.v1.NetworkUsage.verify|verify} messages.
             * @param message NetworkUsage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.INetworkUsage, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NetworkUsage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns NetworkUsage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.NetworkUsage;
        }

        /** Properties of a WindowsNetworkUsage. */
        interface IWindowsNetworkUsage {

            /** WindowsNetworkUsage timestamp */
            timestamp?: (number|Long|null);

            /** WindowsNetworkUsage defaultInterface */
            defaultInterface?: (runtime.v1.IWindowsNetworkInterfaceUsage|null);

            /** WindowsNetworkUsage interfaces */
            interfaces?: (runtime.v1.IWindowsNetworkInterfaceUsage[]|null);
        }

        /** Represents a WindowsNetworkUsage. */
        class WindowsNetworkUsage implements IWindowsNetworkUsage {

            /**
             * Constructs a new WindowsNetworkUsage.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IWindowsNetworkUsage);

            /** WindowsNetworkUsage timestamp. */
            public timestamp: (number|Long);

            /** WindowsNetworkUsage defaultInterface. */
            public defaultInterface?: (runtime.v1.IWindowsNetworkInterfaceUsage|null);

            /** WindowsNetworkUsage interfaces. */
            public interfaces: runtime.v1.IWindowsNetworkInterfaceUsage[];

            /**
             * Creates a new WindowsNetworkUsage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WindowsNetworkUsage instance
             */
            public static create(properties?: runtime.v1.IWindowsNetworkUsage): runtime.v1.WindowsNetworkUsage;

            /**
             * Encodes the specified WindowsNetworkUsage message. Does not implicitly {@link runtime.v1.WindowsNetworkUsage.verify|verify} messages.
             * @param message WindowsNetworkUsage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IWindowsNetworkUsage, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WindowsNetworkUsage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns WindowsNetworkUsage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.WindowsNetworkUsage;
        }

        /** Properties of a NetworkInterfaceUsage. */
        interface INetworkInterfaceUsage {

            /** NetworkInterfaceUsage name */
            name?: (string|null);

            /** NetworkInterfaceUsage rxBytes */
            rxBytes?: (runtime.v1.IUInt64Value|null);

            /** NetworkInterfaceUsage rxErrors */
            rxErrors?: (runtime.v1.IUInt64Value|null);

            /** NetworkInterfaceUsage txBytes */
            txBytes?: (runtime.v1.IUInt64Value|null);

            /** NetworkInterfaceUsage txErrors */
            txErrors?: (runtime.v1.IUInt64Value|null);
        }

        /** Represents a NetworkInterfaceUsage. */
        class NetworkInterfaceUsage implements INetworkInterfaceUsage {

            /**
             * Constructs a new NetworkInterfaceUsage.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.INetworkInterfaceUsage);

            /** NetworkInterfaceUsage name. */
            public name: string;

            /** NetworkInterfaceUsage rxBytes. */
            public rxBytes?: (runtime.v1.IUInt64Value|null);

            /** NetworkInterfaceUsage rxErrors. */
            public rxErrors?: (runtime.v1.IUInt64Value|null);

            /** NetworkInterfaceUsage txBytes. */
            public txBytes?: (runtime.v1.IUInt64Value|null);

            /** NetworkInterfaceUsage txErrors. */
            public txErrors?: (runtime.v1.IUInt64Value|null);

            /**
             * Creates a new NetworkInterfaceUsage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NetworkInterfaceUsage instance
             */
            public static create(properties?: runtime.v1.INetworkInterfaceUsage): runtime.v1.NetworkInterfaceUsage;

            /**
             * Encodes the specified NetworkInterfaceUsage message. Does not implicitly {@link runtime.v1.NetworkInterfaceUsage.verify|verify} messages.
             * @param message NetworkInterfaceUsage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.INetworkInterfaceUsage, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NetworkInterfaceUsage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns NetworkInterfaceUsage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.NetworkInterfaceUsage;
        }

        /** Properties of a WindowsNetworkInterfaceUsage. */
        interface IWindowsNetworkInterfaceUsage {

            /** WindowsNetworkInterfaceUsage name */
            name?: (string|null);

            /** WindowsNetworkInterfaceUsage rxBytes */
            rxBytes?: (runtime.v1.IUInt64Value|null);

            /** WindowsNetworkInterfaceUsage rxPacketsDropped */
            rxPacketsDropped?: (runtime.v1.IUInt64Value|null);

            /** WindowsNetworkInterfaceUsage txBytes */
            txBytes?: (runtime.v1.IUInt64Value|null);

            /** WindowsNetworkInterfaceUsage txPacketsDropped */
            txPacketsDropped?: (runtime.v1.IUInt64Value|null);
        }

        /** Represents a WindowsNetworkInterfaceUsage. */
        class WindowsNetworkInterfaceUsage implements IWindowsNetworkInterfaceUsage {

            /**
             * Constructs a new WindowsNetworkInterfaceUsage.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IWindowsNetworkInterfaceUsage);

            /** WindowsNetworkInterfaceUsage name. */
            public name: string;

            /** WindowsNetworkInterfaceUsage rxBytes. */
            public rxBytes?: (runtime.v1.IUInt64Value|null);

            /** WindowsNetworkInterfaceUsage rxPacketsDropped. */
            public rxPacketsDropped?: (runtime.v1.IUInt64Value|null);

            /** WindowsNetworkInterfaceUsage txBytes. */
            public txBytes?: (runtime.v1.IUInt64Value|null);

            /** WindowsNetworkInterfaceUsage txPacketsDropped. */
            public txPacketsDropped?: (runtime.v1.IUInt64Value|null);

            /**
             * Creates a new WindowsNetworkInterfaceUsage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WindowsNetworkInterfaceUsage instance
             */
            public static create(properties?: runtime.v1.IWindowsNetworkInterfaceUsage): runtime.v1.WindowsNetworkInterfaceUsage;

            /**
             * Encodes the specified WindowsNetworkInterfaceUsage message. Does not implicitly {@link runtime.v1.WindowsNetworkInterfaceUsage.verify|verify} messages.
             * @param message WindowsNetworkInterfaceUsage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IWindowsNetworkInterfaceUsage, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WindowsNetworkInterfaceUsage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns WindowsNetworkInterfaceUsage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.WindowsNetworkInterfaceUsage;
        }

        /** Properties of a ProcessUsage. */
        interface IProcessUsage {

            /** ProcessUsage timestamp */
            timestamp?: (number|Long|null);

            /** ProcessUsage processCount */
            processCount?: (runtime.v1.IUInt64Value|null);
        }

        /** Represents a ProcessUsage. */
        class ProcessUsage implements IProcessUsage {

            /**
             * Constructs a new ProcessUsage.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IProcessUsage);

            /** ProcessUsage timestamp. */
            public timestamp: (number|Long);

            /** ProcessUsage processCount. */
            public processCount?: (runtime.v1.IUInt64Value|null);

            /**
             * Creates a new ProcessUsage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ProcessUsage instance
             */
            public static create(properties?: runtime.v1.IProcessUsage): runtime.v1.ProcessUsage;

            /**
             * Encodes the specified ProcessUsage message. Does not implicitly {@link runtime.v1.ProcessUsage.verify|verify} messages.
             * @param message ProcessUsage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IProcessUsage, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ProcessUsage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ProcessUsage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ProcessUsage;
        }

        /** Properties of a WindowsProcessUsage. */
        interface IWindowsProcessUsage {

            /** WindowsProcessUsage timestamp */
            timestamp?: (number|Long|null);

            /** WindowsProcessUsage processCount */
            processCount?: (runtime.v1.IUInt64Value|null);
        }

        /** Represents a WindowsProcessUsage. */
        class WindowsProcessUsage implements IWindowsProcessUsage {

            /**
             * Constructs a new WindowsProcessUsage.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IWindowsProcessUsage);

            /** WindowsProcessUsage timestamp. */
            public timestamp: (number|Long);

            /** WindowsProcessUsage processCount. */
            public processCount?: (runtime.v1.IUInt64Value|null);

            /**
             * Creates a new WindowsProcessUsage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WindowsProcessUsage instance
             */
            public static create(properties?: runtime.v1.IWindowsProcessUsage): runtime.v1.WindowsProcessUsage;

            /**
             * Encodes the specified WindowsProcessUsage message. Does not implicitly {@link runtime.v1.WindowsProcessUsage.verify|verify} messages.
             * @param message WindowsProcessUsage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IWindowsProcessUsage, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WindowsProcessUsage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns WindowsProcessUsage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.WindowsProcessUsage;
        }

        /** Properties of an ImageSpec. */
        interface IImageSpec {

            /** ImageSpec image */
            image?: (string|null);

            /** ImageSpec annotations */
            annotations?: ({ [k: string]: string }|null);

            /** ImageSpec userSpecifiedImage */
            userSpecifiedImage?: (string|null);

            /** ImageSpec runtimeHandler */
            runtimeHandler?: (string|null);

            /** ImageSpec imageRef */
            imageRef?: (string|null);
        }

        /** Represents an ImageSpec. */
        class ImageSpec implements IImageSpec {

            /**
             * Constructs a new ImageSpec.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IImageSpec);

            /** ImageSpec image. */
            public image: string;

            /** ImageSpec annotations. */
            public annotations: { [k: string]: string };

            /** ImageSpec userSpecifiedImage. */
            public userSpecifiedImage: string;

            /** ImageSpec runtimeHandler. */
            public runtimeHandler: string;

            /** ImageSpec imageRef. */
            public imageRef: string;

            /**
             * Creates a new ImageSpec instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ImageSpec instance
             */
            public static create(properties?: runtime.v1.IImageSpec): runtime.v1.ImageSpec;

            /**
             * Encodes the specified ImageSpec message. Does not implicitly {@link runtime.v1.ImageSpec.verify|verify} messages.
             * @param message ImageSpec message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IImageSpec, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an ImageSpec message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ImageSpec
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ImageSpec;
        }

        /** Properties of a KeyValue. */
        interface IKeyValue {

            /** KeyValue key */
            key?: (string|null);

            /** KeyValue value */
            value?: (string|null);
        }

        /** Represents a KeyValue. */
        class KeyValue implements IKeyValue {

            /**
             * Constructs a new KeyValue.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IKeyValue);

            /** KeyValue key. */
            public key: string;

            /** KeyValue value. */
            public value: string;

            /**
             * Creates a new KeyValue instance using the specified properties.
             * @param [properties] Properties to set
             * @returns KeyValue instance
             */
            public static create(properties?: runtime.v1.IKeyValue): runtime.v1.KeyValue;

            /**
             * Encodes the specified KeyValue message. Does not implicitly {@link runtime.v1.KeyValue.verify|verify} messages.
             * @param message KeyValue message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IKeyValue, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a KeyValue message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns KeyValue
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.KeyValue;
        }

        /** Properties of a LinuxContainerResources. */
        interface ILinuxContainerResources {

            /** LinuxContainerResources cpuPeriod */
            cpuPeriod?: (number|Long|null);

            /** LinuxContainerResources cpuQuota */
            cpuQuota?: (number|Long|null);

            /** LinuxContainerResources cpuShares */
            cpuShares?: (number|Long|null);

            /** LinuxContainerResources memoryLimitInBytes */
            memoryLimitInBytes?: (number|Long|null);

            /** LinuxContainerResources oomScoreAdj */
            oomScoreAdj?: (number|Long|null);

            /** LinuxContainerResources cpusetCpus */
            cpusetCpus?: (string|null);

            /** LinuxContainerResources cpusetMems */
            cpusetMems?: (string|null);

            /** LinuxContainerResources hugepageLimits */
            hugepageLimits?: (runtime.v1.IHugepageLimit[]|null);

            /** LinuxContainerResources unified */
            unified?: ({ [k: string]: string }|null);

            /** LinuxContainerResources memorySwapLimitInBytes */
            memorySwapLimitInBytes?: (number|Long|null);
        }

        /** Represents a LinuxContainerResources. */
        class LinuxContainerResources implements ILinuxContainerResources {

            /**
             * Constructs a new LinuxContainerResources.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.ILinuxContainerResources);

            /** LinuxContainerResources cpuPeriod. */
            public cpuPeriod: (number|Long);

            /** LinuxContainerResources cpuQuota. */
            public cpuQuota: (number|Long);

            /** LinuxContainerResources cpuShares. */
            public cpuShares: (number|Long);

            /** LinuxContainerResources memoryLimitInBytes. */
            public memoryLimitInBytes: (number|Long);

            /** LinuxContainerResources oomScoreAdj. */
            public oomScoreAdj: (number|Long);

            /** LinuxContainerResources cpusetCpus. */
            public cpusetCpus: string;

            /** LinuxContainerResources cpusetMems. */
            public cpusetMems: string;

            /** LinuxContainerResources hugepageLimits. */
            public hugepageLimits: runtime.v1.IHugepageLimit[];

            /** LinuxContainerResources unified. */
            public unified: { [k: string]: string };

            /** LinuxContainerResources memorySwapLimitInBytes. */
            public memorySwapLimitInBytes: (number|Long);

            /**
             * Creates a new LinuxContainerResources instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LinuxContainerResources instance
             */
            public static create(properties?: runtime.v1.ILinuxContainerResources): runtime.v1.LinuxContainerResources;

            /**
             * Encodes the specified LinuxContainerResources message. Does not implicitly {@link runtime.v1.LinuxContainerResources.verify|verify} messages.
             * @param message LinuxContainerResources message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.ILinuxContainerResources, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LinuxContainerResources message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns LinuxContainerResources
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.LinuxContainerResources;
        }

        /** Properties of a HugepageLimit. */
        interface IHugepageLimit {

            /** HugepageLimit pageSize */
            pageSize?: (string|null);

            /** HugepageLimit limit */
            limit?: (number|Long|null);
        }

        /** Represents a HugepageLimit. */
        class HugepageLimit implements IHugepageLimit {

            /**
             * Constructs a new HugepageLimit.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IHugepageLimit);

            /** HugepageLimit pageSize. */
            public pageSize: string;

            /** HugepageLimit limit. */
            public limit: (number|Long);

            /**
             * Creates a new HugepageLimit instance using the specified properties.
             * @param [properties] Properties to set
             * @returns HugepageLimit instance
             */
            public static create(properties?: runtime.v1.IHugepageLimit): runtime.v1.HugepageLimit;

            /**
             * Encodes the specified HugepageLimit message. Does not implicitly {@link runtime.v1.HugepageLimit.verify|verify} messages.
             * @param message HugepageLimit message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IHugepageLimit, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a HugepageLimit message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns HugepageLimit
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.HugepageLimit;
        }

        /** Properties of a SELinuxOption. */
        interface ISELinuxOption {

            /** SELinuxOption user */
            user?: (string|null);

            /** SELinuxOption role */
            role?: (string|null);

            /** SELinuxOption type */
            type?: (string|null);

            /** SELinuxOption level */
            level?: (string|null);
        }

        /** Represents a SELinuxOption. */
        class SELinuxOption implements ISELinuxOption {

            /**
             * Constructs a new SELinuxOption.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.ISELinuxOption);

            /** SELinuxOption user. */
            public user: string;

            /** SELinuxOption role. */
            public role: string;

            /** SELinuxOption type. */
            public type: string;

            /** SELinuxOption level. */
            public level: string;

            /**
             * Creates a new SELinuxOption instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SELinuxOption instance
             */
            public static create(properties?: runtime.v1.ISELinuxOption): runtime.v1.SELinuxOption;

            /**
             * Encodes the specified SELinuxOption message. Does not implicitly {@link runtime.v1.SELinuxOption.verify|verify} messages.
             * @param message SELinuxOption message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.ISELinuxOption, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SELinuxOption message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns SELinuxOption
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.SELinuxOption;
        }

        /** Properties of a Capability. */
        interface ICapability {

            /** Capability addCapabilities */
            addCapabilities?: (string[]|null);

            /** Capability dropCapabilities */
            dropCapabilities?: (string[]|null);

            /** Capability addAmbientCapabilities */
            addAmbientCapabilities?: (string[]|null);
        }

        /** Represents a Capability. */
        class Capability implements ICapability {

            /**
             * Constructs a new Capability.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.ICapability);

            /** Capability addCapabilities. */
            public addCapabilities: string[];

            /** Capability dropCapabilities. */
            public dropCapabilities: string[];

            /** Capability addAmbientCapabilities. */
            public addAmbientCapabilities: string[];

            /**
             * Creates a new Capability instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Capability instance
             */
            public static create(properties?: runtime.v1.ICapability): runtime.v1.Capability;

            /**
             * Encodes the specified Capability message. Does not implicitly {@link runtime.v1.Capability.verify|verify} messages.
             * @param message Capability message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.ICapability, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Capability message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Capability
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.Capability;
        }

        /** Properties of a LinuxContainerSecurityContext. */
        interface ILinuxContainerSecurityContext {

            /** LinuxContainerSecurityContext capabilities */
            capabilities?: (runtime.v1.ICapability|null);

            /** LinuxContainerSecurityContext privileged */
            privileged?: (boolean|null);

            /** LinuxContainerSecurityContext namespaceOptions */
            namespaceOptions?: (runtime.v1.INamespaceOption|null);

            /** LinuxContainerSecurityContext selinuxOptions */
            selinuxOptions?: (runtime.v1.ISELinuxOption|null);

            /** LinuxContainerSecurityContext runAsUser */
            runAsUser?: (runtime.v1.IInt64Value|null);

            /** LinuxContainerSecurityContext runAsGroup */
            runAsGroup?: (runtime.v1.IInt64Value|null);

            /** LinuxContainerSecurityContext runAsUsername */
            runAsUsername?: (string|null);

            /** LinuxContainerSecurityContext readonlyRootfs */
            readonlyRootfs?: (boolean|null);

            /** LinuxContainerSecurityContext supplementalGroups */
            supplementalGroups?: ((number|Long)[]|null);

            /** LinuxContainerSecurityContext supplementalGroupsPolicy */
            supplementalGroupsPolicy?: (runtime.v1.SupplementalGroupsPolicy|null);

            /** LinuxContainerSecurityContext noNewPrivs */
            noNewPrivs?: (boolean|null);

            /** LinuxContainerSecurityContext maskedPaths */
            maskedPaths?: (string[]|null);

            /** LinuxContainerSecurityContext readonlyPaths */
            readonlyPaths?: (string[]|null);

            /** LinuxContainerSecurityContext seccomp */
            seccomp?: (runtime.v1.ISecurityProfile|null);

            /** LinuxContainerSecurityContext apparmor */
            apparmor?: (runtime.v1.ISecurityProfile|null);

            /** LinuxContainerSecurityContext apparmorProfile */
            apparmorProfile?: (string|null);

            /** LinuxContainerSecurityContext seccompProfilePath */
            seccompProfilePath?: (string|null);
        }

        /** Represents a LinuxContainerSecurityContext. */
        class LinuxContainerSecurityContext implements ILinuxContainerSecurityContext {

            /**
             * Constructs a new LinuxContainerSecurityContext.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.ILinuxContainerSecurityContext);

            /** LinuxContainerSecurityContext capabilities. */
            public capabilities?: (runtime.v1.ICapability|null);

            /** LinuxContainerSecurityContext privileged. */
            public privileged: boolean;

            /** LinuxContainerSecurityContext namespaceOptions. */
            public namespaceOptions?: (runtime.v1.INamespaceOption|null);

            /** LinuxContainerSecurityContext selinuxOptions. */
            public selinuxOptions?: (runtime.v1.ISELinuxOption|null);

            /** LinuxContainerSecurityContext runAsUser. */
            public runAsUser?: (runtime.v1.IInt64Value|null);

            /** LinuxContainerSecurityContext runAsGroup. */
            public runAsGroup?: (runtime.v1.IInt64Value|null);

            /** LinuxContainerSecurityContext runAsUsername. */
            public runAsUsername: string;

            /** LinuxContainerSecurityContext readonlyRootfs. */
            public readonlyRootfs: boolean;

            /** LinuxContainerSecurityContext supplementalGroups. */
            public supplementalGroups: (number|Long)[];

            /** LinuxContainerSecurityContext supplementalGroupsPolicy. */
            public supplementalGroupsPolicy: runtime.v1.SupplementalGroupsPolicy;

            /** LinuxContainerSecurityContext noNewPrivs. */
            public noNewPrivs: boolean;

            /** LinuxContainerSecurityContext maskedPaths. */
            public maskedPaths: string[];

            /** LinuxContainerSecurityContext readonlyPaths. */
            public readonlyPaths: string[];

            /** LinuxContainerSecurityContext seccomp. */
            public seccomp?: (runtime.v1.ISecurityProfile|null);

            /** LinuxContainerSecurityContext apparmor. */
            public apparmor?: (runtime.v1.ISecurityProfile|null);

            /** LinuxContainerSecurityContext apparmorProfile. */
            public apparmorProfile: string;

            /** LinuxContainerSecurityContext seccompProfilePath. */
            public seccompProfilePath: string;

            /**
             * Creates a new LinuxContainerSecurityContext instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LinuxContainerSecurityContext instance
             */
            public static create(properties?: runtime.v1.ILinuxContainerSecurityContext): runtime.v1.LinuxContainerSecurityContext;

            /**
             * Encodes the specified LinuxContainerSecurityContext message. Does not implicitly {@link runtime.v1.LinuxContainerSecurityContext.verify|verify} messages.
             * @param message LinuxContainerSecurityContext message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.ILinuxContainerSecurityContext, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LinuxContainerSecurityContext message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns LinuxContainerSecurityContext
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.LinuxContainerSecurityContext;
        }

        /** Properties of a LinuxContainerConfig. */
        interface ILinuxContainerConfig {

            /** LinuxContainerConfig resources */
            resources?: (runtime.v1.ILinuxContainerResources|null);

            /** LinuxContainerConfig securityContext */
            securityContext?: (runtime.v1.ILinuxContainerSecurityContext|null);
        }

        /** Represents a LinuxContainerConfig. */
        class LinuxContainerConfig implements ILinuxContainerConfig {

            /**
             * Constructs a new LinuxContainerConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.ILinuxContainerConfig);

            /** LinuxContainerConfig resources. */
            public resources?: (runtime.v1.ILinuxContainerResources|null);

            /** LinuxContainerConfig securityContext. */
            public securityContext?: (runtime.v1.ILinuxContainerSecurityContext|null);

            /**
             * Creates a new LinuxContainerConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LinuxContainerConfig instance
             */
            public static create(properties?: runtime.v1.ILinuxContainerConfig): runtime.v1.LinuxContainerConfig;

            /**
             * Encodes the specified LinuxContainerConfig message. Does not implicitly {@link runtime.v1.LinuxContainerConfig.verify|verify} messages.
             * @param message LinuxContainerConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.ILinuxContainerConfig, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LinuxContainerConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns LinuxContainerConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.LinuxContainerConfig;
        }

        /** Properties of a LinuxContainerUser. */
        interface ILinuxContainerUser {

            /** LinuxContainerUser uid */
            uid?: (number|Long|null);

            /** LinuxContainerUser gid */
            gid?: (number|Long|null);

            /** LinuxContainerUser supplementalGroups */
            supplementalGroups?: ((number|Long)[]|null);
        }

        /** Represents a LinuxContainerUser. */
        class LinuxContainerUser implements ILinuxContainerUser {

            /**
             * Constructs a new LinuxContainerUser.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.ILinuxContainerUser);

            /** LinuxContainerUser uid. */
            public uid: (number|Long);

            /** LinuxContainerUser gid. */
            public gid: (number|Long);

            /** LinuxContainerUser supplementalGroups. */
            public supplementalGroups: (number|Long)[];

            /**
             * Creates a new LinuxContainerUser instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LinuxContainerUser instance
             */
            public static create(properties?: runtime.v1.ILinuxContainerUser): runtime.v1.LinuxContainerUser;

            /**
             * Encodes the specified LinuxContainerUser message. Does not implicitly {@link runtime.v1.LinuxContainerUser.verify|verify} messages.
             * @param message LinuxContainerUser message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.ILinuxContainerUser, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LinuxContainerUser message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns LinuxContainerUser
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.LinuxContainerUser;
        }

        /** Properties of a WindowsNamespaceOption. */
        interface IWindowsNamespaceOption {

            /** WindowsNamespaceOption network */
            network?: (runtime.v1.NamespaceMode|null);
        }

        /** Represents a WindowsNamespaceOption. */
        class WindowsNamespaceOption implements IWindowsNamespaceOption {

            /**
             * Constructs a new WindowsNamespaceOption.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IWindowsNamespaceOption);

            /** WindowsNamespaceOption network. */
            public network: runtime.v1.NamespaceMode;

            /**
             * Creates a new WindowsNamespaceOption instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WindowsNamespaceOption instance
             */
            public static create(properties?: runtime.v1.IWindowsNamespaceOption): runtime.v1.WindowsNamespaceOption;

            /**
             * Encodes the specified WindowsNamespaceOption message. Does not implicitly {@link runtime.v1.WindowsNamespaceOption.verify|verify} messages.
             * @param message WindowsNamespaceOption message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IWindowsNamespaceOption, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WindowsNamespaceOption message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns WindowsNamespaceOption
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.WindowsNamespaceOption;
        }

        /** Properties of a WindowsSandboxSecurityContext. */
        interface IWindowsSandboxSecurityContext {

            /** WindowsSandboxSecurityContext runAsUsername */
            runAsUsername?: (string|null);

            /** WindowsSandboxSecurityContext credentialSpec */
            credentialSpec?: (string|null);

            /** WindowsSandboxSecurityContext hostProcess */
            hostProcess?: (boolean|null);

            /** WindowsSandboxSecurityContext namespaceOptions */
            namespaceOptions?: (runtime.v1.IWindowsNamespaceOption|null);
        }

        /** Represents a WindowsSandboxSecurityContext. */
        class WindowsSandboxSecurityContext implements IWindowsSandboxSecurityContext {

            /**
             * Constructs a new WindowsSandboxSecurityContext.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IWindowsSandboxSecurityContext);

            /** WindowsSandboxSecurityContext runAsUsername. */
            public runAsUsername: string;

            /** WindowsSandboxSecurityContext credentialSpec. */
            public credentialSpec: string;

            /** WindowsSandboxSecurityContext hostProcess. */
            public hostProcess: boolean;

            /** WindowsSandboxSecurityContext namespaceOptions. */
            public namespaceOptions?: (runtime.v1.IWindowsNamespaceOption|null);

            /**
             * Creates a new WindowsSandboxSecurityContext instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WindowsSandboxSecurityContext instance
             */
            public static create(properties?: runtime.v1.IWindowsSandboxSecurityContext): runtime.v1.WindowsSandboxSecurityContext;

            /**
             * Encodes the specified WindowsSandboxSecurityContext message. Does not implicitly {@link runtime.v1.WindowsSandboxSecurityContext.verify|verify} messages.
             * @param message WindowsSandboxSecurityContext message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IWindowsSandboxSecurityContext, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WindowsSandboxSecurityContext message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns WindowsSandboxSecurityContext
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.WindowsSandboxSecurityContext;
        }

        /** Properties of a WindowsPodSandboxConfig. */
        interface IWindowsPodSandboxConfig {

            /** WindowsPodSandboxConfig securityContext */
            securityContext?: (runtime.v1.IWindowsSandboxSecurityContext|null);
        }

        /** Represents a WindowsPodSandboxConfig. */
        class WindowsPodSandboxConfig implements IWindowsPodSandboxConfig {

            /**
             * Constructs a new WindowsPodSandboxConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IWindowsPodSandboxConfig);

            /** WindowsPodSandboxConfig securityContext. */
            public securityContext?: (runtime.v1.IWindowsSandboxSecurityContext|null);

            /**
             * Creates a new WindowsPodSandboxConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WindowsPodSandboxConfig instance
             */
            public static create(properties?: runtime.v1.IWindowsPodSandboxConfig): runtime.v1.WindowsPodSandboxConfig;

            /**
             * Encodes the specified WindowsPodSandboxConfig message. Does not implicitly {@link runtime.v1.WindowsPodSandboxConfig.verify|verify} messages.
             * @param message WindowsPodSandboxConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IWindowsPodSandboxConfig, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WindowsPodSandboxConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns WindowsPodSandboxConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.WindowsPodSandboxConfig;
        }

        /** Properties of a WindowsContainerSecurityContext. */
        interface IWindowsContainerSecurityContext {

            /** WindowsContainerSecurityContext runAsUsername */
            runAsUsername?: (string|null);

            /** WindowsContainerSecurityContext credentialSpec */
            credentialSpec?: (string|null);

            /** WindowsContainerSecurityContext hostProcess */
            hostProcess?: (boolean|null);
        }

        /** Represents a WindowsContainerSecurityContext. */
        class WindowsContainerSecurityContext implements IWindowsContainerSecurityContext {

            /**
             * Constructs a new WindowsContainerSecurityContext.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IWindowsContainerSecurityContext);

            /** WindowsContainerSecurityContext runAsUsername. */
            public runAsUsername: string;

            /** WindowsContainerSecurityContext credentialSpec. */
            public credentialSpec: string;

            /** WindowsContainerSecurityContext hostProcess. */
            public hostProcess: boolean;

            /**
             * Creates a new WindowsContainerSecurityContext instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WindowsContainerSecurityContext instance
             */
            public static create(properties?: runtime.v1.IWindowsContainerSecurityContext): runtime.v1.WindowsContainerSecurityContext;

            /**
             * Encodes the specified WindowsContainerSecurityContext message. Does not implicitly {@link runtime.v1.WindowsContainerSecurityContext.verify|verify} messages.
             * @param message WindowsContainerSecurityContext message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IWindowsContainerSecurityContext, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WindowsContainerSecurityContext message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns WindowsContainerSecurityContext
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.WindowsContainerSecurityContext;
        }

        /** Properties of a WindowsContainerConfig. */
        interface IWindowsContainerConfig {

            /** WindowsContainerConfig resources */
            resources?: (runtime.v1.IWindowsContainerResources|null);

            /** WindowsContainerConfig securityContext */
            securityContext?: (runtime.v1.IWindowsContainerSecurityContext|null);
        }

        /** Represents a WindowsContainerConfig. */
        class WindowsContainerConfig implements IWindowsContainerConfig {

            /**
             * Constructs a new WindowsContainerConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IWindowsContainerConfig);

            /** WindowsContainerConfig resources. */
            public resources?: (runtime.v1.IWindowsContainerResources|null);

            /** WindowsContainerConfig securityContext. */
            public securityContext?: (runtime.v1.IWindowsContainerSecurityContext|null);

            /**
             * Creates a new WindowsContainerConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WindowsContainerConfig instance
             */
            public static create(properties?: runtime.v1.IWindowsContainerConfig): runtime.v1.WindowsContainerConfig;

            /**
             * Encodes the specified WindowsContainerConfig message. Does not implicitly {@link runtime.v1.WindowsContainerConfig.verify|verify} messages.
             * @param message WindowsContainerConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IWindowsContainerConfig, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WindowsContainerConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns WindowsContainerConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.WindowsContainerConfig;
        }

        /** Properties of a WindowsContainerResources. */
        interface IWindowsContainerResources {

            /** WindowsContainerResources cpuShares */
            cpuShares?: (number|Long|null);

            /** WindowsContainerResources cpuCount */
            cpuCount?: (number|Long|null);

            /** WindowsContainerResources cpuMaximum */
            cpuMaximum?: (number|Long|null);

            /** WindowsContainerResources memoryLimitInBytes */
            memoryLimitInBytes?: (number|Long|null);

            /** WindowsContainerResources rootfsSizeInBytes */
            rootfsSizeInBytes?: (number|Long|null);

            /** WindowsContainerResources affinityCpus */
            affinityCpus?: (runtime.v1.IWindowsCpuGroupAffinity[]|null);
        }

        /** Represents a WindowsContainerResources. */
        class WindowsContainerResources implements IWindowsContainerResources {

            /**
             * Constructs a new WindowsContainerResources.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IWindowsContainerResources);

            /** WindowsContainerResources cpuShares. */
            public cpuShares: (number|Long);

            /** WindowsContainerResources cpuCount. */
            public cpuCount: (number|Long);

            /** WindowsContainerResources cpuMaximum. */
            public cpuMaximum: (number|Long);

            /** WindowsContainerResources memoryLimitInBytes. */
            public memoryLimitInBytes: (number|Long);

            /** WindowsContainerResources rootfsSizeInBytes. */
            public rootfsSizeInBytes: (number|Long);

            /** WindowsContainerResources affinityCpus. */
            public affinityCpus: runtime.v1.IWindowsCpuGroupAffinity[];

            /**
             * Creates a new WindowsContainerResources instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WindowsContainerResources instance
             */
            public static create(properties?: runtime.v1.IWindowsContainerResources): runtime.v1.WindowsContainerResources;

            /**
             * Encodes the specified WindowsContainerResources message. Does not implicitly {@link runtime.v1.WindowsContainerResources.verify|verify} messages.
             * @param message WindowsContainerResources message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IWindowsContainerResources, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WindowsContainerResources message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns WindowsContainerResources
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.WindowsContainerResources;
        }

        /** Properties of a WindowsCpuGroupAffinity. */
        interface IWindowsCpuGroupAffinity {

            /** WindowsCpuGroupAffinity cpuMask */
            cpuMask?: (number|Long|null);

            /** WindowsCpuGroupAffinity cpuGroup */
            cpuGroup?: (number|null);
        }

        /** Represents a WindowsCpuGroupAffinity. */
        class WindowsCpuGroupAffinity implements IWindowsCpuGroupAffinity {

            /**
             * Constructs a new WindowsCpuGroupAffinity.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IWindowsCpuGroupAffinity);

            /** WindowsCpuGroupAffinity cpuMask. */
            public cpuMask: (number|Long);

            /** WindowsCpuGroupAffinity cpuGroup. */
            public cpuGroup: number;

            /**
             * Creates a new WindowsCpuGroupAffinity instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WindowsCpuGroupAffinity instance
             */
            public static create(properties?: runtime.v1.IWindowsCpuGroupAffinity): runtime.v1.WindowsCpuGroupAffinity;

            /**
             * Encodes the specified WindowsCpuGroupAffinity message. Does not implicitly {@link runtime.v1.WindowsCpuGroupAffinity.verify|verify} messages.
             * @param message WindowsCpuGroupAffinity message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IWindowsCpuGroupAffinity, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WindowsCpuGroupAffinity message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns WindowsCpuGroupAffinity
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.WindowsCpuGroupAffinity;
        }

        /** Properties of a ContainerMetadata. */
        interface IContainerMetadata {

            /** ContainerMetadata name */
            name?: (string|null);

            /** ContainerMetadata attempt */
            attempt?: (number|null);
        }

        /** Represents a ContainerMetadata. */
        class ContainerMetadata implements IContainerMetadata {

            /**
             * Constructs a new ContainerMetadata.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IContainerMetadata);

            /** ContainerMetadata name. */
            public name: string;

            /** ContainerMetadata attempt. */
            public attempt: number;

            /**
             * Creates a new ContainerMetadata instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerMetadata instance
             */
            public static create(properties?: runtime.v1.IContainerMetadata): runtime.v1.ContainerMetadata;

            /**
             * Encodes the specified ContainerMetadata message. Does not implicitly {@link runtime.v1.ContainerMetadata.verify|verify} messages.
             * @param message ContainerMetadata message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IContainerMetadata, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerMetadata message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ContainerMetadata
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ContainerMetadata;
        }

        /** Properties of a Device. */
        interface IDevice {

            /** Device containerPath */
            containerPath?: (string|null);

            /** Device hostPath */
            hostPath?: (string|null);

            /** Device permissions */
            permissions?: (string|null);
        }

        /** Represents a Device. */
        class Device implements IDevice {

            /**
             * Constructs a new Device.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IDevice);

            /** Device containerPath. */
            public containerPath: string;

            /** Device hostPath. */
            public hostPath: string;

            /** Device permissions. */
            public permissions: string;

            /**
             * Creates a new Device instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Device instance
             */
            public static create(properties?: runtime.v1.IDevice): runtime.v1.Device;

            /**
             * Encodes the specified Device message. Does not implicitly {@link runtime.v1.Device.verify|verify} messages.
             * @param message Device message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IDevice, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Device message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Device
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.Device;
        }

        /** Properties of a CDIDevice. */
        interface ICDIDevice {

            /** CDIDevice name */
            name?: (string|null);
        }

        /** Represents a CDIDevice. */
        class CDIDevice implements ICDIDevice {

            /**
             * Constructs a new CDIDevice.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.ICDIDevice);

            /** CDIDevice name. */
            public name: string;

            /**
             * Creates a new CDIDevice instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CDIDevice instance
             */
            public static create(properties?: runtime.v1.ICDIDevice): runtime.v1.CDIDevice;

            /**
             * Encodes the specified CDIDevice message. Does not implicitly {@link runtime.v1.CDIDevice.verify|verify} messages.
             * @param message CDIDevice message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.ICDIDevice, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CDIDevice message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns CDIDevice
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.CDIDevice;
        }

        /** Properties of a ContainerConfig. */
        interface IContainerConfig {

            /** ContainerConfig metadata */
            metadata?: (runtime.v1.IContainerMetadata|null);

            /** ContainerConfig image */
            image?: (runtime.v1.IImageSpec|null);

            /** ContainerConfig command */
            command?: (string[]|null);

            /** ContainerConfig args */
            args?: (string[]|null);

            /** ContainerConfig workingDir */
            workingDir?: (string|null);

            /** ContainerConfig envs */
            envs?: (runtime.v1.IKeyValue[]|null);

            /** ContainerConfig mounts */
            mounts?: (runtime.v1.IMount[]|null);

            /** ContainerConfig devices */
            devices?: (runtime.v1.IDevice[]|null);

            /** ContainerConfig labels */
            labels?: ({ [k: string]: string }|null);

            /** ContainerConfig annotations */
            annotations?: ({ [k: string]: string }|null);

            /** ContainerConfig logPath */
            logPath?: (string|null);

            /** ContainerConfig stdin */
            stdin?: (boolean|null);

            /** ContainerConfig stdinOnce */
            stdinOnce?: (boolean|null);

            /** ContainerConfig tty */
            tty?: (boolean|null);

            /** ContainerConfig linux */
            linux?: (runtime.v1.ILinuxContainerConfig|null);

            /** ContainerConfig windows */
            windows?: (runtime.v1.IWindowsContainerConfig|null);

            /** ContainerConfig CDIDevices */
            CDIDevices?: (runtime.v1.ICDIDevice[]|null);

            /** ContainerConfig stopSignal */
            stopSignal?: (runtime.v1.Signal|null);
        }

        /** Represents a ContainerConfig. */
        class ContainerConfig implements IContainerConfig {

            /**
             * Constructs a new ContainerConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IContainerConfig);

            /** ContainerConfig metadata. */
            public metadata?: (runtime.v1.IContainerMetadata|null);

            /** ContainerConfig image. */
            public image?: (runtime.v1.IImageSpec|null);

            /** ContainerConfig command. */
            public command: string[];

            /** ContainerConfig args. */
            public args: string[];

            /** ContainerConfig workingDir. */
            public workingDir: string;

            /** ContainerConfig envs. */
            public envs: runtime.v1.IKeyValue[];

            /** ContainerConfig mounts. */
            public mounts: runtime.v1.IMount[];

            /** ContainerConfig devices. */
            public devices: runtime.v1.IDevice[];

            /** ContainerConfig labels. */
            public labels: { [k: string]: string };

            /** ContainerConfig annotations. */
            public annotations: { [k: string]: string };

            /** ContainerConfig logPath. */
            public logPath: string;

            /** ContainerConfig stdin. */
            public stdin: boolean;

            /** ContainerConfig stdinOnce. */
            public stdinOnce: boolean;

            /** ContainerConfig tty. */
            public tty: boolean;

            /** ContainerConfig linux. */
            public linux?: (runtime.v1.ILinuxContainerConfig|null);

            /** ContainerConfig windows. */
            public windows?: (runtime.v1.IWindowsContainerConfig|null);

            /** ContainerConfig CDIDevices. */
            public CDIDevices: runtime.v1.ICDIDevice[];

            /** ContainerConfig stopSignal. */
            public stopSignal: runtime.v1.Signal;

            /**
             * Creates a new ContainerConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerConfig instance
             */
            public static create(properties?: runtime.v1.IContainerConfig): runtime.v1.ContainerConfig;

            /**
             * Encodes the specified ContainerConfig message. Does not implicitly {@link runtime.v1.ContainerConfig.verify|verify} messages.
             * @param message ContainerConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IContainerConfig, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ContainerConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ContainerConfig;
        }

        /** Signal enum. */
        enum Signal {
            RUNTIME_DEFAULT = 0,
            SIGABRT = 1,
            SIGALRM = 2,
            SIGBUS = 3,
            SIGCHLD = 4,
            SIGCLD = 5,
            SIGCONT = 6,
            SIGFPE = 7,
            SIGHUP = 8,
            SIGILL = 9,
            SIGINT = 10,
            SIGIO = 11,
            SIGIOT = 12,
            SIGKILL = 13,
            SIGPIPE = 14,
            SIGPOLL = 15,
            SIGPROF = 16,
            SIGPWR = 17,
            SIGQUIT = 18,
            SIGSEGV = 19,
            SIGSTKFLT = 20,
            SIGSTOP = 21,
            SIGSYS = 22,
            SIGTERM = 23,
            SIGTRAP = 24,
            SIGTSTP = 25,
            SIGTTIN = 26,
            SIGTTOU = 27,
            SIGURG = 28,
            SIGUSR1 = 29,
            SIGUSR2 = 30,
            SIGVTALRM = 31,
            SIGWINCH = 32,
            SIGXCPU = 33,
            SIGXFSZ = 34,
            SIGRTMIN = 35,
            SIGRTMINPLUS1 = 36,
            SIGRTMINPLUS2 = 37,
            SIGRTMINPLUS3 = 38,
            SIGRTMINPLUS4 = 39,
            SIGRTMINPLUS5 = 40,
            SIGRTMINPLUS6 = 41,
            SIGRTMINPLUS7 = 42,
            SIGRTMINPLUS8 = 43,
            SIGRTMINPLUS9 = 44,
            SIGRTMINPLUS10 = 45,
            SIGRTMINPLUS11 = 46,
            SIGRTMINPLUS12 = 47,
            SIGRTMINPLUS13 = 48,
            SIGRTMINPLUS14 = 49,
            SIGRTMINPLUS15 = 50,
            SIGRTMAXMINUS14 = 51,
            SIGRTMAXMINUS13 = 52,
            SIGRTMAXMINUS12 = 53,
            SIGRTMAXMINUS11 = 54,
            SIGRTMAXMINUS10 = 55,
            SIGRTMAXMINUS9 = 56,
            SIGRTMAXMINUS8 = 57,
            SIGRTMAXMINUS7 = 58,
            SIGRTMAXMINUS6 = 59,
            SIGRTMAXMINUS5 = 60,
            SIGRTMAXMINUS4 = 61,
            SIGRTMAXMINUS3 = 62,
            SIGRTMAXMINUS2 = 63,
            SIGRTMAXMINUS1 = 64,
            SIGRTMAX = 65
        }

        /** Properties of a CreateContainerRequest. */
        interface ICreateContainerRequest {

            /** CreateContainerRequest podSandboxId */
            podSandboxId?: (string|null);

            /** CreateContainerRequest config */
            config?: (runtime.v1.IContainerConfig|null);

            /** CreateContainerRequest sandboxConfig */
            sandboxConfig?: (runtime.v1.IPodSandboxConfig|null);
        }

        /** Represents a CreateContainerRequest. */
        class CreateContainerRequest implements ICreateContainerRequest {

            /**
             * Constructs a new CreateContainerRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.ICreateContainerRequest);

            /** CreateContainerRequest podSandboxId. */
            public podSandboxId: string;

            /** CreateContainerRequest config. */
            public config?: (runtime.v1.IContainerConfig|null);

            /** CreateContainerRequest sandboxConfig. */
            public sandboxConfig?: (runtime.v1.IPodSandboxConfig|null);

            /**
             * Creates a new CreateContainerRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CreateContainerRequest instance
             */
            public static create(properties?: runtime.v1.ICreateContainerRequest): runtime.v1.CreateContainerRequest;

            /**
             * Encodes the specified CreateContainerRequest message. Does not implicitly {@link runtime.v1.CreateContainerRequest.verify|verify} messages.
             * @param message CreateContainerRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.ICreateContainerRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CreateContainerRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns CreateContainerRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.CreateContainerRequest;
        }

        /** Properties of a CreateContainerResponse. */
        interface ICreateContainerResponse {

            /** CreateContainerResponse containerId */
            containerId?: (string|null);
        }

        /** Represents a CreateContainerResponse. */
        class CreateContainerResponse implements ICreateContainerResponse {

            /**
             * Constructs a new CreateContainerResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.ICreateContainerResponse);

            /** CreateContainerResponse containerId. */
            public containerId: string;

            /**
             * Creates a new CreateContainerResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CreateContainerResponse instance
             */
            public static create(properties?: runtime.v1.ICreateContainerResponse): runtime.v1.CreateContainerResponse;

            /**
             * Encodes the specified CreateContainerResponse message. Does not implicitly {@link runtime.v1.CreateContainerResponse.verify|verify} messages.
             * @param message CreateContainerResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.ICreateContainerResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CreateContainerResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns CreateContainerResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.CreateContainerResponse;
        }

        /** Properties of a StartContainerRequest. */
        interface IStartContainerRequest {

            /** StartContainerRequest containerId */
            containerId?: (string|null);
        }

        /** Represents a StartContainerRequest. */
        class StartContainerRequest implements IStartContainerRequest {

            /**
             * Constructs a new StartContainerRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IStartContainerRequest);

            /** StartContainerRequest containerId. */
            public containerId: string;

            /**
             * Creates a new StartContainerRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StartContainerRequest instance
             */
            public static create(properties?: runtime.v1.IStartContainerRequest): runtime.v1.StartContainerRequest;

            /**
             * Encodes the specified StartContainerRequest message. Does not implicitly {@link runtime.v1.StartContainerRequest.verify|verify} messages.
             * @param message StartContainerRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IStartContainerRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StartContainerRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StartContainerRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.StartContainerRequest;
        }

        /** Properties of a StartContainerResponse. */
        interface IStartContainerResponse {
        }

        /** Represents a StartContainerResponse. */
        class StartContainerResponse implements IStartContainerResponse {

            /**
             * Constructs a new StartContainerResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IStartContainerResponse);

            /**
             * Creates a new StartContainerResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StartContainerResponse instance
             */
            public static create(properties?: runtime.v1.IStartContainerResponse): runtime.v1.StartContainerResponse;

            /**
             * Encodes the specified StartContainerResponse message. Does not implicitly {@link runtime.v1.StartContainerResponse.verify|verify} messages.
             * @param message StartContainerResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IStartContainerResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StartContainerResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StartContainerResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.StartContainerResponse;
        }

        /** Properties of a StopContainerRequest. */
        interface IStopContainerRequest {

            /** StopContainerRequest containerId */
            containerId?: (string|null);

            /** StopContainerRequest timeout */
            timeout?: (number|Long|null);
        }

        /** Represents a StopContainerRequest. */
        class StopContainerRequest implements IStopContainerRequest {

            /**
             * Constructs a new StopContainerRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IStopContainerRequest);

            /** StopContainerRequest containerId. */
            public containerId: string;

            /** StopContainerRequest timeout. */
            public timeout: (number|Long);

            /**
             * Creates a new StopContainerRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StopContainerRequest instance
             */
            public static create(properties?: runtime.v1.IStopContainerRequest): runtime.v1.StopContainerRequest;

            /**
             * Encodes the specified StopContainerRequest message. Does not implicitly {@link runtime.v1.StopContainerRequest.verify|verify} messages.
             * @param message StopContainerRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IStopContainerRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StopContainerRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StopContainerRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.StopContainerRequest;
        }

        /** Properties of a StopContainerResponse. */
        interface IStopContainerResponse {
        }

        /** Represents a StopContainerResponse. */
        class StopContainerResponse implements IStopContainerResponse {

            /**
             * Constructs a new StopContainerResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IStopContainerResponse);

            /**
             * Creates a new StopContainerResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StopContainerResponse instance
             */
            public static create(properties?: runtime.v1.IStopContainerResponse): runtime.v1.StopContainerResponse;

            /**
             * Encodes the specified StopContainerResponse message. Does not implicitly {@link runtime.v1.StopContainerResponse.verify|verify} messages.
             * @param message StopContainerResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IStopContainerResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StopContainerResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StopContainerResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.StopContainerResponse;
        }

        /** Properties of a RemoveContainerRequest. */
        interface IRemoveContainerRequest {

            /** RemoveContainerRequest containerId */
            containerId?: (string|null);
        }

        /** Represents a RemoveContainerRequest. */
        class RemoveContainerRequest implements IRemoveContainerRequest {

            /**
             * Constructs a new RemoveContainerRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IRemoveContainerRequest);

            /** RemoveContainerRequest containerId. */
            public containerId: string;

            /**
             * Creates a new RemoveContainerRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RemoveContainerRequest instance
             */
            public static create(properties?: runtime.v1.IRemoveContainerRequest): runtime.v1.RemoveContainerRequest;

            /**
             * Encodes the specified RemoveContainerRequest message. Does not implicitly {@link runtime.v1.RemoveContainerRequest.verify|verify} messages.
             * @param message RemoveContainerRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IRemoveContainerRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RemoveContainerRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns RemoveContainerRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.RemoveContainerRequest;
        }

        /** Properties of a RemoveContainerResponse. */
        interface IRemoveContainerResponse {
        }

        /** Represents a RemoveContainerResponse. */
        class RemoveContainerResponse implements IRemoveContainerResponse {

            /**
             * Constructs a new RemoveContainerResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IRemoveContainerResponse);

            /**
             * Creates a new RemoveContainerResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RemoveContainerResponse instance
             */
            public static create(properties?: runtime.v1.IRemoveContainerResponse): runtime.v1.RemoveContainerResponse;

            /**
             * Encodes the specified RemoveContainerResponse message. Does not implicitly {@link runtime.v1.RemoveContainerResponse.verify|verify} messages.
             * @param message RemoveContainerResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IRemoveContainerResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RemoveContainerResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns RemoveContainerResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.RemoveContainerResponse;
        }

        /** ContainerState enum. */
        enum ContainerState {
            CONTAINER_CREATED = 0,
            CONTAINER_RUNNING = 1,
            CONTAINER_EXITED = 2,
            CONTAINER_UNKNOWN = 3
        }

        /** Properties of a ContainerStateValue. */
        interface IContainerStateValue {

            /** ContainerStateValue state */
            state?: (runtime.v1.ContainerState|null);
        }

        /** Represents a ContainerStateValue. */
        class ContainerStateValue implements IContainerStateValue {

            /**
             * Constructs a new ContainerStateValue.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IContainerStateValue);

            /** ContainerStateValue state. */
            public state: runtime.v1.ContainerState;

            /**
             * Creates a new ContainerStateValue instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerStateValue instance
             */
            public static create(properties?: runtime.v1.IContainerStateValue): runtime.v1.ContainerStateValue;

            /**
             * Encodes the specified ContainerStateValue message. Does not implicitly {@link runtime.v1.ContainerStateValue.verify|verify} messages.
             * @param message ContainerStateValue message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IContainerStateValue, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerStateValue message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ContainerStateValue
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ContainerStateValue;
        }

        /** Properties of a ContainerFilter. */
        interface IContainerFilter {

            /** ContainerFilter id */
            id?: (string|null);

            /** ContainerFilter state */
            state?: (runtime.v1.IContainerStateValue|null);

            /** ContainerFilter podSandboxId */
            podSandboxId?: (string|null);

            /** ContainerFilter labelSelector */
            labelSelector?: ({ [k: string]: string }|null);
        }

        /** Represents a ContainerFilter. */
        class ContainerFilter implements IContainerFilter {

            /**
             * Constructs a new ContainerFilter.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IContainerFilter);

            /** ContainerFilter id. */
            public id: string;

            /** ContainerFilter state. */
            public state?: (runtime.v1.IContainerStateValue|null);

            /** ContainerFilter podSandboxId. */
            public podSandboxId: string;

            /** ContainerFilter labelSelector. */
            public labelSelector: { [k: string]: string };

            /**
             * Creates a new ContainerFilter instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerFilter instance
             */
            public static create(properties?: runtime.v1.IContainerFilter): runtime.v1.ContainerFilter;

            /**
             * Encodes the specified ContainerFilter message. Does not implicitly {@link runtime.v1.ContainerFilter.verify|verify} messages.
             * @param message ContainerFilter message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IContainerFilter, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerFilter message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ContainerFilter
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ContainerFilter;
        }

        /** Properties of a ListContainersRequest. */
        interface IListContainersRequest {

            /** ListContainersRequest filter */
            filter?: (runtime.v1.IContainerFilter|null);
        }

        /** Represents a ListContainersRequest. */
        class ListContainersRequest implements IListContainersRequest {

            /**
             * Constructs a new ListContainersRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IListContainersRequest);

            /** ListContainersRequest filter. */
            public filter?: (runtime.v1.IContainerFilter|null);

            /**
             * Creates a new ListContainersRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListContainersRequest instance
             */
            public static create(properties?: runtime.v1.IListContainersRequest): runtime.v1.ListContainersRequest;

            /**
             * Encodes the specified ListContainersRequest message. Does not implicitly {@link runtime.v1.ListContainersRequest.verify|verify} messages.
             * @param message ListContainersRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IListContainersRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListContainersRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ListContainersRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ListContainersRequest;
        }

        /** Properties of a Container. */
        interface IContainer {

            /** Container id */
            id?: (string|null);

            /** Container podSandboxId */
            podSandboxId?: (string|null);

            /** Container metadata */
            metadata?: (runtime.v1.IContainerMetadata|null);

            /** Container image */
            image?: (runtime.v1.IImageSpec|null);

            /** Container imageRef */
            imageRef?: (string|null);

            /** Container state */
            state?: (runtime.v1.ContainerState|null);

            /** Container createdAt */
            createdAt?: (number|Long|null);

            /** Container labels */
            labels?: ({ [k: string]: string }|null);

            /** Container annotations */
            annotations?: ({ [k: string]: string }|null);

            /** Container imageId */
            imageId?: (string|null);
        }

        /** Represents a Container. */
        class Container implements IContainer {

            /**
             * Constructs a new Container.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IContainer);

            /** Container id. */
            public id: string;

            /** Container podSandboxId. */
            public podSandboxId: string;

            /** Container metadata. */
            public metadata?: (runtime.v1.IContainerMetadata|null);

            /** Container image. */
            public image?: (runtime.v1.IImageSpec|null);

            /** Container imageRef. */
            public imageRef: string;

            /** Container state. */
            public state: runtime.v1.ContainerState;

            /** Container createdAt. */
            public createdAt: (number|Long);

            /** Container labels. */
            public labels: { [k: string]: string };

            /** Container annotations. */
            public annotations: { [k: string]: string };

            /** Container imageId. */
            public imageId: string;

            /**
             * Creates a new Container instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Container instance
             */
            public static create(properties?: runtime.v1.IContainer): runtime.v1.Container;

            /**
             * Encodes the specified Container message. Does not implicitly {@link runtime.v1.Container.verify|verify} messages.
             * @param message Container message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IContainer, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Container message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Container
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.Container;
        }

        /** Properties of a ListContainersResponse. */
        interface IListContainersResponse {

            /** ListContainersResponse containers */
            containers?: (runtime.v1.IContainer[]|null);
        }

        /** Represents a ListContainersResponse. */
        class ListContainersResponse implements IListContainersResponse {

            /**
             * Constructs a new ListContainersResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IListContainersResponse);

            /** ListContainersResponse containers. */
            public containers: runtime.v1.IContainer[];

            /**
             * Creates a new ListContainersResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListContainersResponse instance
             */
            public static create(properties?: runtime.v1.IListContainersResponse): runtime.v1.ListContainersResponse;

            /**
             * Encodes the specified ListContainersResponse message. Does not implicitly {@link runtime.v1.ListContainersResponse.verify|verify} messages.
             * @param message ListContainersResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IListContainersResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListContainersResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ListContainersResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ListContainersResponse;
        }

        /** Properties of a StreamContainersRequest. */
        interface IStreamContainersRequest {

            /** StreamContainersRequest filter */
            filter?: (runtime.v1.IContainerFilter|null);
        }

        /** Represents a StreamContainersRequest. */
        class StreamContainersRequest implements IStreamContainersRequest {

            /**
             * Constructs a new StreamContainersRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IStreamContainersRequest);

            /** StreamContainersRequest filter. */
            public filter?: (runtime.v1.IContainerFilter|null);

            /**
             * Creates a new StreamContainersRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StreamContainersRequest instance
             */
            public static create(properties?: runtime.v1.IStreamContainersRequest): runtime.v1.StreamContainersRequest;

            /**
             * Encodes the specified StreamContainersRequest message. Does not implicitly {@link runtime.v1.StreamContainersRequest.verify|verify} messages.
             * @param message StreamContainersRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IStreamContainersRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StreamContainersRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StreamContainersRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.StreamContainersRequest;
        }

        /** Properties of a StreamContainersResponse. */
        interface IStreamContainersResponse {

            /** StreamContainersResponse containers */
            containers?: (runtime.v1.IContainer[]|null);
        }

        /** Represents a StreamContainersResponse. */
        class StreamContainersResponse implements IStreamContainersResponse {

            /**
             * Constructs a new StreamContainersResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IStreamContainersResponse);

            /** StreamContainersResponse containers. */
            public containers: runtime.v1.IContainer[];

            /**
             * Creates a new StreamContainersResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StreamContainersResponse instance
             */
            public static create(properties?: runtime.v1.IStreamContainersResponse): runtime.v1.StreamContainersResponse;

            /**
             * Encodes the specified StreamContainersResponse message. Does not implicitly {@link runtime.v1.StreamContainersResponse.verify|verify} messages.
             * @param message StreamContainersResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IStreamContainersResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StreamContainersResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StreamContainersResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.StreamContainersResponse;
        }

        /** Properties of a ContainerStatusRequest. */
        interface IContainerStatusRequest {

            /** ContainerStatusRequest containerId */
            containerId?: (string|null);

            /** ContainerStatusRequest verbose */
            verbose?: (boolean|null);
        }

        /** Represents a ContainerStatusRequest. */
        class ContainerStatusRequest implements IContainerStatusRequest {

            /**
             * Constructs a new ContainerStatusRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IContainerStatusRequest);

            /** ContainerStatusRequest containerId. */
            public containerId: string;

            /** ContainerStatusRequest verbose. */
            public verbose: boolean;

            /**
             * Creates a new ContainerStatusRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerStatusRequest instance
             */
            public static create(properties?: runtime.v1.IContainerStatusRequest): runtime.v1.ContainerStatusRequest;

            /**
             * Encodes the specified ContainerStatusRequest message. Does not implicitly {@link runtime.v1.ContainerStatusRequest.verify|verify} messages.
             * @param message ContainerStatusRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IContainerStatusRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerStatusRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ContainerStatusRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ContainerStatusRequest;
        }

        /** Properties of a ContainerStatus. */
        interface IContainerStatus {

            /** ContainerStatus id */
            id?: (string|null);

            /** ContainerStatus metadata */
            metadata?: (runtime.v1.IContainerMetadata|null);

            /** ContainerStatus state */
            state?: (runtime.v1.ContainerState|null);

            /** ContainerStatus createdAt */
            createdAt?: (number|Long|null);

            /** ContainerStatus startedAt */
            startedAt?: (number|Long|null);

            /** ContainerStatus finishedAt */
            finishedAt?: (number|Long|null);

            /** ContainerStatus exitCode */
            exitCode?: (number|null);

            /** ContainerStatus image */
            image?: (runtime.v1.IImageSpec|null);

            /** ContainerStatus imageRef */
            imageRef?: (string|null);

            /** ContainerStatus reason */
            reason?: (string|null);

            /** ContainerStatus message */
            message?: (string|null);

            /** ContainerStatus labels */
            labels?: ({ [k: string]: string }|null);

            /** ContainerStatus annotations */
            annotations?: ({ [k: string]: string }|null);

            /** ContainerStatus mounts */
            mounts?: (runtime.v1.IMount[]|null);

            /** ContainerStatus logPath */
            logPath?: (string|null);

            /** ContainerStatus resources */
            resources?: (runtime.v1.IContainerResources|null);

            /** ContainerStatus imageId */
            imageId?: (string|null);

            /** ContainerStatus user */
            user?: (runtime.v1.IContainerUser|null);

            /** ContainerStatus stopSignal */
            stopSignal?: (runtime.v1.Signal|null);
        }

        /** Represents a ContainerStatus. */
        class ContainerStatus implements IContainerStatus {

            /**
             * Constructs a new ContainerStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IContainerStatus);

            /** ContainerStatus id. */
            public id: string;

            /** ContainerStatus metadata. */
            public metadata?: (runtime.v1.IContainerMetadata|null);

            /** ContainerStatus state. */
            public state: runtime.v1.ContainerState;

            /** ContainerStatus createdAt. */
            public createdAt: (number|Long);

            /** ContainerStatus startedAt. */
            public startedAt: (number|Long);

            /** ContainerStatus finishedAt. */
            public finishedAt: (number|Long);

            /** ContainerStatus exitCode. */
            public exitCode: number;

            /** ContainerStatus image. */
            public image?: (runtime.v1.IImageSpec|null);

            /** ContainerStatus imageRef. */
            public imageRef: string;

            /** ContainerStatus reason. */
            public reason: string;

            /** ContainerStatus message. */
            public message: string;

            /** ContainerStatus labels. */
            public labels: { [k: string]: string };

            /** ContainerStatus annotations. */
            public annotations: { [k: string]: string };

            /** ContainerStatus mounts. */
            public mounts: runtime.v1.IMount[];

            /** ContainerStatus logPath. */
            public logPath: string;

            /** ContainerStatus resources. */
            public resources?: (runtime.v1.IContainerResources|null);

            /** ContainerStatus imageId. */
            public imageId: string;

            /** ContainerStatus user. */
            public user?: (runtime.v1.IContainerUser|null);

            /** ContainerStatus stopSignal. */
            public stopSignal: runtime.v1.Signal;

            /**
             * Creates a new ContainerStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerStatus instance
             */
            public static create(properties?: runtime.v1.IContainerStatus): runtime.v1.ContainerStatus;

            /**
             * Encodes the specified ContainerStatus message. Does not implicitly {@link runtime.v1.ContainerStatus.verify|verify} messages.
             * @param message ContainerStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IContainerStatus, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ContainerStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ContainerStatus;
        }

        /** Properties of a ContainerStatusResponse. */
        interface IContainerStatusResponse {

            /** ContainerStatusResponse status */
            status?: (runtime.v1.IContainerStatus|null);

            /** ContainerStatusResponse info */
            info?: ({ [k: string]: string }|null);
        }

        /** Represents a ContainerStatusResponse. */
        class ContainerStatusResponse implements IContainerStatusResponse {

            /**
             * Constructs a new ContainerStatusResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IContainerStatusResponse);

            /** ContainerStatusResponse status. */
            public status?: (runtime.v1.IContainerStatus|null);

            /** ContainerStatusResponse info. */
            public info: { [k: string]: string };

            /**
             * Creates a new ContainerStatusResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerStatusResponse instance
             */
            public static create(properties?: runtime.v1.IContainerStatusResponse): runtime.v1.ContainerStatusResponse;

            /**
             * Encodes the specified ContainerStatusResponse message. Does not implicitly {@link runtime.v1.ContainerStatusResponse.verify|verify} messages.
             * @param message ContainerStatusResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IContainerStatusResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerStatusResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ContainerStatusResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ContainerStatusResponse;
        }

        /** Properties of a ContainerResources. */
        interface IContainerResources {

            /** ContainerResources linux */
            linux?: (runtime.v1.ILinuxContainerResources|null);

            /** ContainerResources windows */
            windows?: (runtime.v1.IWindowsContainerResources|null);
        }

        /** Represents a ContainerResources. */
        class ContainerResources implements IContainerResources {

            /**
             * Constructs a new ContainerResources.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IContainerResources);

            /** ContainerResources linux. */
            public linux?: (runtime.v1.ILinuxContainerResources|null);

            /** ContainerResources windows. */
            public windows?: (runtime.v1.IWindowsContainerResources|null);

            /**
             * Creates a new ContainerResources instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerResources instance
             */
            public static create(properties?: runtime.v1.IContainerResources): runtime.v1.ContainerResources;

            /**
             * Encodes the specified ContainerResources message. Does not implicitly {@link runtime.v1.ContainerResources.verify|verify} messages.
             * @param message ContainerResources message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IContainerResources, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerResources message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ContainerResources
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ContainerResources;
        }

        /** Properties of a ContainerUser. */
        interface IContainerUser {

            /** ContainerUser linux */
            linux?: (runtime.v1.ILinuxContainerUser|null);
        }

        /** Represents a ContainerUser. */
        class ContainerUser implements IContainerUser {

            /**
             * Constructs a new ContainerUser.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IContainerUser);

            /** ContainerUser linux. */
            public linux?: (runtime.v1.ILinuxContainerUser|null);

            /**
             * Creates a new ContainerUser instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerUser instance
             */
            public static create(properties?: runtime.v1.IContainerUser): runtime.v1.ContainerUser;

            /**
             * Encodes the specified ContainerUser message. Does not implicitly {@link runtime.v1.ContainerUser.verify|verify} messages.
             * @param message ContainerUser message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IContainerUser, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerUser message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ContainerUser
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ContainerUser;
        }

        /** Properties of an UpdateContainerResourcesRequest. */
        interface IUpdateContainerResourcesRequest {

            /** UpdateContainerResourcesRequest containerId */
            containerId?: (string|null);

            /** UpdateContainerResourcesRequest linux */
            linux?: (runtime.v1.ILinuxContainerResources|null);

            /** UpdateContainerResourcesRequest windows */
            windows?: (runtime.v1.IWindowsContainerResources|null);

            /** UpdateContainerResourcesRequest annotations */
            annotations?: ({ [k: string]: string }|null);
        }

        /** Represents an UpdateContainerResourcesRequest. */
        class UpdateContainerResourcesRequest implements IUpdateContainerResourcesRequest {

            /**
             * Constructs a new UpdateContainerResourcesRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IUpdateContainerResourcesRequest);

            /** UpdateContainerResourcesRequest containerId. */
            public containerId: string;

            /** UpdateContainerResourcesRequest linux. */
            public linux?: (runtime.v1.ILinuxContainerResources|null);

            /** UpdateContainerResourcesRequest windows. */
            public windows?: (runtime.v1.IWindowsContainerResources|null);

            /** UpdateContainerResourcesRequest annotations. */
            public annotations: { [k: string]: string };

            /**
             * Creates a new UpdateContainerResourcesRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateContainerResourcesRequest instance
             */
            public static create(properties?: runtime.v1.IUpdateContainerResourcesRequest): runtime.v1.UpdateContainerResourcesRequest;

            /**
             * Encodes the specified UpdateContainerResourcesRequest message. Does not implicitly {@link runtime.v1.UpdateContainerResourcesRequest.verify|verify} messages.
             * @param message UpdateContainerResourcesRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IUpdateContainerResourcesRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateContainerResourcesRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns UpdateContainerResourcesRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.UpdateContainerResourcesRequest;
        }

        /** Properties of an UpdateContainerResourcesResponse. */
        interface IUpdateContainerResourcesResponse {
        }

        /** Represents an UpdateContainerResourcesResponse. */
        class UpdateContainerResourcesResponse implements IUpdateContainerResourcesResponse {

            /**
             * Constructs a new UpdateContainerResourcesResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IUpdateContainerResourcesResponse);

            /**
             * Creates a new UpdateContainerResourcesResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateContainerResourcesResponse instance
             */
            public static create(properties?: runtime.v1.IUpdateContainerResourcesResponse): runtime.v1.UpdateContainerResourcesResponse;

            /**
             * Encodes the specified UpdateContainerResourcesResponse message. Does not implicitly {@link runtime.v1.UpdateContainerResourcesResponse.verify|verify} messages.
             * @param message UpdateContainerResourcesResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IUpdateContainerResourcesResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateContainerResourcesResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns UpdateContainerResourcesResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.UpdateContainerResourcesResponse;
        }

        /** Properties of an ExecSyncRequest. */
        interface IExecSyncRequest {

            /** ExecSyncRequest containerId */
            containerId?: (string|null);

            /** ExecSyncRequest cmd */
            cmd?: (string[]|null);

            /** ExecSyncRequest timeout */
            timeout?: (number|Long|null);
        }

        /** Represents an ExecSyncRequest. */
        class ExecSyncRequest implements IExecSyncRequest {

            /**
             * Constructs a new ExecSyncRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IExecSyncRequest);

            /** ExecSyncRequest containerId. */
            public containerId: string;

            /** ExecSyncRequest cmd. */
            public cmd: string[];

            /** ExecSyncRequest timeout. */
            public timeout: (number|Long);

            /**
             * Creates a new ExecSyncRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ExecSyncRequest instance
             */
            public static create(properties?: runtime.v1.IExecSyncRequest): runtime.v1.ExecSyncRequest;

            /**
             * Encodes the specified ExecSyncRequest message. Does not implicitly {@link runtime.v1.ExecSyncRequest.verify|verify} messages.
             * @param message ExecSyncRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IExecSyncRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an ExecSyncRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ExecSyncRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ExecSyncRequest;
        }

        /** Properties of an ExecSyncResponse. */
        interface IExecSyncResponse {

            /** ExecSyncResponse stdout */
            stdout?: (Uint8Array|null);

            /** ExecSyncResponse stderr */
            stderr?: (Uint8Array|null);

            /** ExecSyncResponse exitCode */
            exitCode?: (number|null);
        }

        /** Represents an ExecSyncResponse. */
        class ExecSyncResponse implements IExecSyncResponse {

            /**
             * Constructs a new ExecSyncResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IExecSyncResponse);

            /** ExecSyncResponse stdout. */
            public stdout: Uint8Array;

            /** ExecSyncResponse stderr. */
            public stderr: Uint8Array;

            /** ExecSyncResponse exitCode. */
            public exitCode: number;

            /**
             * Creates a new ExecSyncResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ExecSyncResponse instance
             */
            public static create(properties?: runtime.v1.IExecSyncResponse): runtime.v1.ExecSyncResponse;

            /**
             * Encodes the specified ExecSyncResponse message. Does not implicitly {@link runtime.v1.ExecSyncResponse.verify|verify} messages.
             * @param message ExecSyncResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IExecSyncResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an ExecSyncResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ExecSyncResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ExecSyncResponse;
        }

        /** Properties of an ExecRequest. */
        interface IExecRequest {

            /** ExecRequest containerId */
            containerId?: (string|null);

            /** ExecRequest cmd */
            cmd?: (string[]|null);

            /** ExecRequest tty */
            tty?: (boolean|null);

            /** ExecRequest stdin */
            stdin?: (boolean|null);

            /** ExecRequest stdout */
            stdout?: (boolean|null);

            /** ExecRequest stderr */
            stderr?: (boolean|null);

            /** ExecRequest auditRequestId */
            auditRequestId?: (string|null);
        }

        /** Represents an ExecRequest. */
        class ExecRequest implements IExecRequest {

            /**
             * Constructs a new ExecRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IExecRequest);

            /** ExecRequest containerId. */
            public containerId: string;

            /** ExecRequest cmd. */
            public cmd: string[];

            /** ExecRequest tty. */
            public tty: boolean;

            /** ExecRequest stdin. */
            public stdin: boolean;

            /** ExecRequest stdout. */
            public stdout: boolean;

            /** ExecRequest stderr. */
            public stderr: boolean;

            /** ExecRequest auditRequestId. */
            public auditRequestId: string;

            /**
             * Creates a new ExecRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ExecRequest instance
             */
            public static create(properties?: runtime.v1.IExecRequest): runtime.v1.ExecRequest;

            /**
             * Encodes the specified ExecRequest message. Does not implicitly {@link runtime.v1.ExecRequest.verify|verify} messages.
             * @param message ExecRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IExecRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an ExecRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ExecRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ExecRequest;
        }

        /** Properties of an ExecResponse. */
        interface IExecResponse {

            /** ExecResponse url */
            url?: (string|null);
        }

        /** Represents an ExecResponse. */
        class ExecResponse implements IExecResponse {

            /**
             * Constructs a new ExecResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IExecResponse);

            /** ExecResponse url. */
            public url: string;

            /**
             * Creates a new ExecResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ExecResponse instance
             */
            public static create(properties?: runtime.v1.IExecResponse): runtime.v1.ExecResponse;

            /**
             * Encodes the specified ExecResponse message. Does not implicitly {@link runtime.v1.ExecResponse.verify|verify} messages.
             * @param message ExecResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IExecResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an ExecResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ExecResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ExecResponse;
        }

        /** Properties of an AttachRequest. */
        interface IAttachRequest {

            /** AttachRequest containerId */
            containerId?: (string|null);

            /** AttachRequest stdin */
            stdin?: (boolean|null);

            /** AttachRequest tty */
            tty?: (boolean|null);

            /** AttachRequest stdout */
            stdout?: (boolean|null);

            /** AttachRequest stderr */
            stderr?: (boolean|null);

            /** AttachRequest auditRequestId */
            auditRequestId?: (string|null);
        }

        /** Represents an AttachRequest. */
        class AttachRequest implements IAttachRequest {

            /**
             * Constructs a new AttachRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IAttachRequest);

            /** AttachRequest containerId. */
            public containerId: string;

            /** AttachRequest stdin. */
            public stdin: boolean;

            /** AttachRequest tty. */
            public tty: boolean;

            /** AttachRequest stdout. */
            public stdout: boolean;

            /** AttachRequest stderr. */
            public stderr: boolean;

            /** AttachRequest auditRequestId. */
            public auditRequestId: string;

            /**
             * Creates a new AttachRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AttachRequest instance
             */
            public static create(properties?: runtime.v1.IAttachRequest): runtime.v1.AttachRequest;

            /**
             * Encodes the specified AttachRequest message. Does not implicitly {@link runtime.v1.AttachRequest.verify|verify} messages.
             * @param message AttachRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IAttachRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AttachRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns AttachRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.AttachRequest;
        }

        /** Properties of an AttachResponse. */
        interface IAttachResponse {

            /** AttachResponse url */
            url?: (string|null);
        }

        /** Represents an AttachResponse. */
        class AttachResponse implements IAttachResponse {

            /**
             * Constructs a new AttachResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IAttachResponse);

            /** AttachResponse url. */
            public url: string;

            /**
             * Creates a new AttachResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AttachResponse instance
             */
            public static create(properties?: runtime.v1.IAttachResponse): runtime.v1.AttachResponse;

            /**
             * Encodes the specified AttachResponse message. Does not implicitly {@link runtime.v1.AttachResponse.verify|verify} messages.
             * @param message AttachResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IAttachResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AttachResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns AttachResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.AttachResponse;
        }

        /** Properties of a PortForwardRequest. */
        interface IPortForwardRequest {

            /** PortForwardRequest podSandboxId */
            podSandboxId?: (string|null);

            /** PortForwardRequest port */
            port?: (number[]|null);
        }

        /** Represents a PortForwardRequest. */
        class PortForwardRequest implements IPortForwardRequest {

            /**
             * Constructs a new PortForwardRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPortForwardRequest);

            /** PortForwardRequest podSandboxId. */
            public podSandboxId: string;

            /** PortForwardRequest port. */
            public port: number[];

            /**
             * Creates a new PortForwardRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PortForwardRequest instance
             */
            public static create(properties?: runtime.v1.IPortForwardRequest): runtime.v1.PortForwardRequest;

            /**
             * Encodes the specified PortForwardRequest message. Does not implicitly {@link runtime.v1.PortForwardRequest.verify|verify} messages.
             * @param message PortForwardRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPortForwardRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PortForwardRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PortForwardRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PortForwardRequest;
        }

        /** Properties of a PortForwardResponse. */
        interface IPortForwardResponse {

            /** PortForwardResponse url */
            url?: (string|null);
        }

        /** Represents a PortForwardResponse. */
        class PortForwardResponse implements IPortForwardResponse {

            /**
             * Constructs a new PortForwardResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPortForwardResponse);

            /** PortForwardResponse url. */
            public url: string;

            /**
             * Creates a new PortForwardResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PortForwardResponse instance
             */
            public static create(properties?: runtime.v1.IPortForwardResponse): runtime.v1.PortForwardResponse;

            /**
             * Encodes the specified PortForwardResponse message. Does not implicitly {@link runtime.v1.PortForwardResponse.verify|verify} messages.
             * @param message PortForwardResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPortForwardResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PortForwardResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PortForwardResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PortForwardResponse;
        }

        /** Properties of an ImageFilter. */
        interface IImageFilter {

            /** ImageFilter image */
            image?: (runtime.v1.IImageSpec|null);
        }

        /** Represents an ImageFilter. */
        class ImageFilter implements IImageFilter {

            /**
             * Constructs a new ImageFilter.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IImageFilter);

            /** ImageFilter image. */
            public image?: (runtime.v1.IImageSpec|null);

            /**
             * Creates a new ImageFilter instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ImageFilter instance
             */
            public static create(properties?: runtime.v1.IImageFilter): runtime.v1.ImageFilter;

            /**
             * Encodes the specified ImageFilter message. Does not implicitly {@link runtime.v1.ImageFilter.verify|verify} messages.
             * @param message ImageFilter message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IImageFilter, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an ImageFilter message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ImageFilter
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ImageFilter;
        }

        /** Properties of a ListImagesRequest. */
        interface IListImagesRequest {

            /** ListImagesRequest filter */
            filter?: (runtime.v1.IImageFilter|null);
        }

        /** Represents a ListImagesRequest. */
        class ListImagesRequest implements IListImagesRequest {

            /**
             * Constructs a new ListImagesRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IListImagesRequest);

            /** ListImagesRequest filter. */
            public filter?: (runtime.v1.IImageFilter|null);

            /**
             * Creates a new ListImagesRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListImagesRequest instance
             */
            public static create(properties?: runtime.v1.IListImagesRequest): runtime.v1.ListImagesRequest;

            /**
             * Encodes the specified ListImagesRequest message. Does not implicitly {@link runtime.v1.ListImagesRequest.verify|verify} messages.
             * @param message ListImagesRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IListImagesRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListImagesRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ListImagesRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ListImagesRequest;
        }

        /** Properties of an Image. */
        interface IImage {

            /** Image id */
            id?: (string|null);

            /** Image repoTags */
            repoTags?: (string[]|null);

            /** Image repoDigests */
            repoDigests?: (string[]|null);

            /** Image size */
            size?: (number|Long|null);

            /** Image uid */
            uid?: (runtime.v1.IInt64Value|null);

            /** Image username */
            username?: (string|null);

            /** Image spec */
            spec?: (runtime.v1.IImageSpec|null);

            /** Image pinned */
            pinned?: (boolean|null);
        }

        /** Represents an Image. */
        class Image implements IImage {

            /**
             * Constructs a new Image.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IImage);

            /** Image id. */
            public id: string;

            /** Image repoTags. */
            public repoTags: string[];

            /** Image repoDigests. */
            public repoDigests: string[];

            /** Image size. */
            public size: (number|Long);

            /** Image uid. */
            public uid?: (runtime.v1.IInt64Value|null);

            /** Image username. */
            public username: string;

            /** Image spec. */
            public spec?: (runtime.v1.IImageSpec|null);

            /** Image pinned. */
            public pinned: boolean;

            /**
             * Creates a new Image instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Image instance
             */
            public static create(properties?: runtime.v1.IImage): runtime.v1.Image;

            /**
             * Encodes the specified Image message. Does not implicitly {@link runtime.v1.Image.verify|verify} messages.
             * @param message Image message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IImage, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Image message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Image
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.Image;
        }

        /** Properties of a ListImagesResponse. */
        interface IListImagesResponse {

            /** ListImagesResponse images */
            images?: (runtime.v1.IImage[]|null);
        }

        /** Represents a ListImagesResponse. */
        class ListImagesResponse implements IListImagesResponse {

            /**
             * Constructs a new ListImagesResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IListImagesResponse);

            /** ListImagesResponse images. */
            public images: runtime.v1.IImage[];

            /**
             * Creates a new ListImagesResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListImagesResponse instance
             */
            public static create(properties?: runtime.v1.IListImagesResponse): runtime.v1.ListImagesResponse;

            /**
             * Encodes the specified ListImagesResponse message. Does not implicitly {@link runtime.v1.ListImagesResponse.verify|verify} messages.
             * @param message ListImagesResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IListImagesResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListImagesResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ListImagesResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ListImagesResponse;
        }

        /** Properties of a StreamImagesRequest. */
        interface IStreamImagesRequest {

            /** StreamImagesRequest filter */
            filter?: (runtime.v1.IImageFilter|null);
        }

        /** Represents a StreamImagesRequest. */
        class StreamImagesRequest implements IStreamImagesRequest {

            /**
             * Constructs a new StreamImagesRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IStreamImagesRequest);

            /** StreamImagesRequest filter. */
            public filter?: (runtime.v1.IImageFilter|null);

            /**
             * Creates a new StreamImagesRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StreamImagesRequest instance
             */
            public static create(properties?: runtime.v1.IStreamImagesRequest): runtime.v1.StreamImagesRequest;

            /**
             * Encodes the specified StreamImagesRequest message. Does not implicitly {@link runtime.v1.StreamImagesRequest.verify|verify} messages.
             * @param message StreamImagesRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IStreamImagesRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StreamImagesRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StreamImagesRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.StreamImagesRequest;
        }

        /** Properties of a StreamImagesResponse. */
        interface IStreamImagesResponse {

            /** StreamImagesResponse images */
            images?: (runtime.v1.IImage[]|null);
        }

        /** Represents a StreamImagesResponse. */
        class StreamImagesResponse implements IStreamImagesResponse {

            /**
             * Constructs a new StreamImagesResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IStreamImagesResponse);

            /** StreamImagesResponse images. */
            public images: runtime.v1.IImage[];

            /**
             * Creates a new StreamImagesResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StreamImagesResponse instance
             */
            public static create(properties?: runtime.v1.IStreamImagesResponse): runtime.v1.StreamImagesResponse;

            /**
             * Encodes the specified StreamImagesResponse message. Does not implicitly {@link runtime.v1.StreamImagesResponse.verify|verify} messages.
             * @param message StreamImagesResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IStreamImagesResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StreamImagesResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StreamImagesResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.StreamImagesResponse;
        }

        /** Properties of an ImageStatusRequest. */
        interface IImageStatusRequest {

            /** ImageStatusRequest image */
            image?: (runtime.v1.IImageSpec|null);

            /** ImageStatusRequest verbose */
            verbose?: (boolean|null);
        }

        /** Represents an ImageStatusRequest. */
        class ImageStatusRequest implements IImageStatusRequest {

            /**
             * Constructs a new ImageStatusRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IImageStatusRequest);

            /** ImageStatusRequest image. */
            public image?: (runtime.v1.IImageSpec|null);

            /** ImageStatusRequest verbose. */
            public verbose: boolean;

            /**
             * Creates a new ImageStatusRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ImageStatusRequest instance
             */
            public static create(properties?: runtime.v1.IImageStatusRequest): runtime.v1.ImageStatusRequest;

            /**
             * Encodes the specified ImageStatusRequest message. Does not implicitly {@link runtime.v1.ImageStatusRequest.verify|verify} messages.
             * @param message ImageStatusRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IImageStatusRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an ImageStatusRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ImageStatusRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ImageStatusRequest;
        }

        /** Properties of an ImageStatusResponse. */
        interface IImageStatusResponse {

            /** ImageStatusResponse image */
            image?: (runtime.v1.IImage|null);

            /** ImageStatusResponse info */
            info?: ({ [k: string]: string }|null);
        }

        /** Represents an ImageStatusResponse. */
        class ImageStatusResponse implements IImageStatusResponse {

            /**
             * Constructs a new ImageStatusResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IImageStatusResponse);

            /** ImageStatusResponse image. */
            public image?: (runtime.v1.IImage|null);

            /** ImageStatusResponse info. */
            public info: { [k: string]: string };

            /**
             * Creates a new ImageStatusResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ImageStatusResponse instance
             */
            public static create(properties?: runtime.v1.IImageStatusResponse): runtime.v1.ImageStatusResponse;

            /**
             * Encodes the specified ImageStatusResponse message. Does not implicitly {@link runtime.v1.ImageStatusResponse.verify|verify} messages.
             * @param message ImageStatusResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IImageStatusResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an ImageStatusResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ImageStatusResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ImageStatusResponse;
        }

        /** Properties of an AuthConfig. */
        interface IAuthConfig {

            /** AuthConfig username */
            username?: (string|null);

            /** AuthConfig password */
            password?: (string|null);

            /** AuthConfig auth */
            auth?: (string|null);

            /** AuthConfig serverAddress */
            serverAddress?: (string|null);

            /** AuthConfig identityToken */
            identityToken?: (string|null);

            /** AuthConfig registryToken */
            registryToken?: (string|null);
        }

        /** Represents an AuthConfig. */
        class AuthConfig implements IAuthConfig {

            /**
             * Constructs a new AuthConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IAuthConfig);

            /** AuthConfig username. */
            public username: string;

            /** AuthConfig password. */
            public password: string;

            /** AuthConfig auth. */
            public auth: string;

            /** AuthConfig serverAddress. */
            public serverAddress: string;

            /** AuthConfig identityToken. */
            public identityToken: string;

            /** AuthConfig registryToken. */
            public registryToken: string;

            /**
             * Creates a new AuthConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AuthConfig instance
             */
            public static create(properties?: runtime.v1.IAuthConfig): runtime.v1.AuthConfig;

            /**
             * Encodes the specified AuthConfig message. Does not implicitly {@link runtime.v1.AuthConfig.verify|verify} messages.
             * @param message AuthConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IAuthConfig, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AuthConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns AuthConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.AuthConfig;
        }

        /** Properties of a PullImageRequest. */
        interface IPullImageRequest {

            /** PullImageRequest image */
            image?: (runtime.v1.IImageSpec|null);

            /** PullImageRequest auth */
            auth?: (runtime.v1.IAuthConfig|null);

            /** PullImageRequest sandboxConfig */
            sandboxConfig?: (runtime.v1.IPodSandboxConfig|null);
        }

        /** Represents a PullImageRequest. */
        class PullImageRequest implements IPullImageRequest {

            /**
             * Constructs a new PullImageRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPullImageRequest);

            /** PullImageRequest image. */
            public image?: (runtime.v1.IImageSpec|null);

            /** PullImageRequest auth. */
            public auth?: (runtime.v1.IAuthConfig|null);

            /** PullImageRequest sandboxConfig. */
            public sandboxConfig?: (runtime.v1.IPodSandboxConfig|null);

            /**
             * Creates a new PullImageRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PullImageRequest instance
             */
            public static create(properties?: runtime.v1.IPullImageRequest): runtime.v1.PullImageRequest;

            /**
             * Encodes the specified PullImageRequest message. Does not implicitly {@link runtime.v1.PullImageRequest.verify|verify} messages.
             * @param message PullImageRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPullImageRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PullImageRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PullImageRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PullImageRequest;
        }

        /** Properties of a PullImageResponse. */
        interface IPullImageResponse {

            /** PullImageResponse imageRef */
            imageRef?: (string|null);
        }

        /** Represents a PullImageResponse. */
        class PullImageResponse implements IPullImageResponse {

            /**
             * Constructs a new PullImageResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPullImageResponse);

            /** PullImageResponse imageRef. */
            public imageRef: string;

            /**
             * Creates a new PullImageResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PullImageResponse instance
             */
            public static create(properties?: runtime.v1.IPullImageResponse): runtime.v1.PullImageResponse;

            /**
             * Encodes the specified PullImageResponse message. Does not implicitly {@link runtime.v1.PullImageResponse.verify|verify} messages.
             * @param message PullImageResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPullImageResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PullImageResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PullImageResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PullImageResponse;
        }

        /** Properties of a RemoveImageRequest. */
        interface IRemoveImageRequest {

            /** RemoveImageRequest image */
            image?: (runtime.v1.IImageSpec|null);
        }

        /** Represents a RemoveImageRequest. */
        class RemoveImageRequest implements IRemoveImageRequest {

            /**
             * Constructs a new RemoveImageRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IRemoveImageRequest);

            /** RemoveImageRequest image. */
            public image?: (runtime.v1.IImageSpec|null);

            /**
             * Creates a new RemoveImageRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RemoveImageRequest instance
             */
            public static create(properties?: runtime.v1.IRemoveImageRequest): runtime.v1.RemoveImageRequest;

            /**
             * Encodes the specified RemoveImageRequest message. Does not implicitly {@link runtime.v1.RemoveImageRequest.verify|verify} messages.
             * @param message RemoveImageRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IRemoveImageRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RemoveImageRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns RemoveImageRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.RemoveImageRequest;
        }

        /** Properties of a RemoveImageResponse. */
        interface IRemoveImageResponse {
        }

        /** Represents a RemoveImageResponse. */
        class RemoveImageResponse implements IRemoveImageResponse {

            /**
             * Constructs a new RemoveImageResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IRemoveImageResponse);

            /**
             * Creates a new RemoveImageResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RemoveImageResponse instance
             */
            public static create(properties?: runtime.v1.IRemoveImageResponse): runtime.v1.RemoveImageResponse;

            /**
             * Encodes the specified RemoveImageResponse message. Does not implicitly {@link runtime.v1.RemoveImageResponse.verify|verify} messages.
             * @param message RemoveImageResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IRemoveImageResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RemoveImageResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns RemoveImageResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.RemoveImageResponse;
        }

        /** Properties of a NetworkConfig. */
        interface INetworkConfig {

            /** NetworkConfig podCidr */
            podCidr?: (string|null);
        }

        /** Represents a NetworkConfig. */
        class NetworkConfig implements INetworkConfig {

            /**
             * Constructs a new NetworkConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.INetworkConfig);

            /** NetworkConfig podCidr. */
            public podCidr: string;

            /**
             * Creates a new NetworkConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NetworkConfig instance
             */
            public static create(properties?: runtime.v1.INetworkConfig): runtime.v1.NetworkConfig;

            /**
             * Encodes the specified NetworkConfig message. Does not implicitly {@link runtime.v1.NetworkConfig.verify|verify} messages.
             * @param message NetworkConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.INetworkConfig, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NetworkConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns NetworkConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.NetworkConfig;
        }

        /** Properties of a RuntimeConfig. */
        interface IRuntimeConfig {

            /** RuntimeConfig networkConfig */
            networkConfig?: (runtime.v1.INetworkConfig|null);
        }

        /** Represents a RuntimeConfig. */
        class RuntimeConfig implements IRuntimeConfig {

            /**
             * Constructs a new RuntimeConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IRuntimeConfig);

            /** RuntimeConfig networkConfig. */
            public networkConfig?: (runtime.v1.INetworkConfig|null);

            /**
             * Creates a new RuntimeConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RuntimeConfig instance
             */
            public static create(properties?: runtime.v1.IRuntimeConfig): runtime.v1.RuntimeConfig;

            /**
             * Encodes the specified RuntimeConfig message. Does not implicitly {@link runtime.v1.RuntimeConfig.verify|verify} messages.
             * @param message RuntimeConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IRuntimeConfig, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RuntimeConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns RuntimeConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.RuntimeConfig;
        }

        /** Properties of an UpdateRuntimeConfigRequest. */
        interface IUpdateRuntimeConfigRequest {

            /** UpdateRuntimeConfigRequest runtimeConfig */
            runtimeConfig?: (runtime.v1.IRuntimeConfig|null);
        }

        /** Represents an UpdateRuntimeConfigRequest. */
        class UpdateRuntimeConfigRequest implements IUpdateRuntimeConfigRequest {

            /**
             * Constructs a new UpdateRuntimeConfigRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IUpdateRuntimeConfigRequest);

            /** UpdateRuntimeConfigRequest runtimeConfig. */
            public runtimeConfig?: (runtime.v1.IRuntimeConfig|null);

            /**
             * Creates a new UpdateRuntimeConfigRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateRuntimeConfigRequest instance
             */
            public static create(properties?: runtime.v1.IUpdateRuntimeConfigRequest): runtime.v1.UpdateRuntimeConfigRequest;

            /**
             * Encodes the specified UpdateRuntimeConfigRequest message. Does not implicitly {@link runtime.v1.UpdateRuntimeConfigRequest.verify|verify} messages.
             * @param message UpdateRuntimeConfigRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IUpdateRuntimeConfigRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateRuntimeConfigRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns UpdateRuntimeConfigRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.UpdateRuntimeConfigRequest;
        }

        /** Properties of an UpdateRuntimeConfigResponse. */
        interface IUpdateRuntimeConfigResponse {
        }

        /** Represents an UpdateRuntimeConfigResponse. */
        class UpdateRuntimeConfigResponse implements IUpdateRuntimeConfigResponse {

            /**
             * Constructs a new UpdateRuntimeConfigResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IUpdateRuntimeConfigResponse);

            /**
             * Creates a new UpdateRuntimeConfigResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateRuntimeConfigResponse instance
             */
            public static create(properties?: runtime.v1.IUpdateRuntimeConfigResponse): runtime.v1.UpdateRuntimeConfigResponse;

            /**
             * Encodes the specified UpdateRuntimeConfigResponse message. Does not implicitly {@link runtime.v1.UpdateRuntimeConfigResponse.verify|verify} messages.
             * @param message UpdateRuntimeConfigResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IUpdateRuntimeConfigResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateRuntimeConfigResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns UpdateRuntimeConfigResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.UpdateRuntimeConfigResponse;
        }

        /** Properties of a RuntimeCondition. */
        interface IRuntimeCondition {

            /** RuntimeCondition type */
            type?: (string|null);

            /** RuntimeCondition status */
            status?: (boolean|null);

            /** RuntimeCondition reason */
            reason?: (string|null);

            /** RuntimeCondition message */
            message?: (string|null);
        }

        /** Represents a RuntimeCondition. */
        class RuntimeCondition implements IRuntimeCondition {

            /**
             * Constructs a new RuntimeCondition.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IRuntimeCondition);

            /** RuntimeCondition type. */
            public type: string;

            /** RuntimeCondition status. */
            public status: boolean;

            /** RuntimeCondition reason. */
            public reason: string;

            /** RuntimeCondition message. */
            public message: string;

            /**
             * Creates a new RuntimeCondition instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RuntimeCondition instance
             */
            public static create(properties?: runtime.v1.IRuntimeCondition): runtime.v1.RuntimeCondition;

            /**
             * Encodes the specified RuntimeCondition message. Does not implicitly {@link runtime.v1.RuntimeCondition.verify|verify} messages.
             * @param message RuntimeCondition message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IRuntimeCondition, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RuntimeCondition message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns RuntimeCondition
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.RuntimeCondition;
        }

        /** Properties of a RuntimeStatus. */
        interface IRuntimeStatus {

            /** RuntimeStatus conditions */
            conditions?: (runtime.v1.IRuntimeCondition[]|null);
        }

        /** Represents a RuntimeStatus. */
        class RuntimeStatus implements IRuntimeStatus {

            /**
             * Constructs a new RuntimeStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IRuntimeStatus);

            /** RuntimeStatus conditions. */
            public conditions: runtime.v1.IRuntimeCondition[];

            /**
             * Creates a new RuntimeStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RuntimeStatus instance
             */
            public static create(properties?: runtime.v1.IRuntimeStatus): runtime.v1.RuntimeStatus;

            /**
             * Encodes the specified RuntimeStatus message. Does not implicitly {@link runtime.v1.RuntimeStatus.verify|verify} messages.
             * @param message RuntimeStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IRuntimeStatus, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RuntimeStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns RuntimeStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.RuntimeStatus;
        }

        /** Properties of a StatusRequest. */
        interface IStatusRequest {

            /** StatusRequest verbose */
            verbose?: (boolean|null);
        }

        /** Represents a StatusRequest. */
        class StatusRequest implements IStatusRequest {

            /**
             * Constructs a new StatusRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IStatusRequest);

            /** StatusRequest verbose. */
            public verbose: boolean;

            /**
             * Creates a new StatusRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StatusRequest instance
             */
            public static create(properties?: runtime.v1.IStatusRequest): runtime.v1.StatusRequest;

            /**
             * Encodes the specified StatusRequest message. Does not implicitly {@link runtime.v1.StatusRequest.verify|verify} messages.
             * @param message StatusRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IStatusRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StatusRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StatusRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.StatusRequest;
        }

        /** Properties of a RuntimeHandlerFeatures. */
        interface IRuntimeHandlerFeatures {

            /** RuntimeHandlerFeatures recursiveReadOnlyMounts */
            recursiveReadOnlyMounts?: (boolean|null);

            /** RuntimeHandlerFeatures userNamespaces */
            userNamespaces?: (boolean|null);
        }

        /** Represents a RuntimeHandlerFeatures. */
        class RuntimeHandlerFeatures implements IRuntimeHandlerFeatures {

            /**
             * Constructs a new RuntimeHandlerFeatures.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IRuntimeHandlerFeatures);

            /** RuntimeHandlerFeatures recursiveReadOnlyMounts. */
            public recursiveReadOnlyMounts: boolean;

            /** RuntimeHandlerFeatures userNamespaces. */
            public userNamespaces: boolean;

            /**
             * Creates a new RuntimeHandlerFeatures instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RuntimeHandlerFeatures instance
             */
            public static create(properties?: runtime.v1.IRuntimeHandlerFeatures): runtime.v1.RuntimeHandlerFeatures;

            /**
             * Encodes the specified RuntimeHandlerFeatures message. Does not implicitly {@link runtime.v1.RuntimeHandlerFeatures.verify|verify} messages.
             * @param message RuntimeHandlerFeatures message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IRuntimeHandlerFeatures, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RuntimeHandlerFeatures message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns RuntimeHandlerFeatures
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.RuntimeHandlerFeatures;
        }

        /** Properties of a RuntimeHandler. */
        interface IRuntimeHandler {

            /** RuntimeHandler name */
            name?: (string|null);

            /** RuntimeHandler features */
            features?: (runtime.v1.IRuntimeHandlerFeatures|null);
        }

        /** Represents a RuntimeHandler. */
        class RuntimeHandler implements IRuntimeHandler {

            /**
             * Constructs a new RuntimeHandler.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IRuntimeHandler);

            /** RuntimeHandler name. */
            public name: string;

            /** RuntimeHandler features. */
            public features?: (runtime.v1.IRuntimeHandlerFeatures|null);

            /**
             * Creates a new RuntimeHandler instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RuntimeHandler instance
             */
            public static create(properties?: runtime.v1.IRuntimeHandler): runtime.v1.RuntimeHandler;

            /**
             * Encodes the specified RuntimeHandler message. Does not implicitly {@link runtime.v1.RuntimeHandler.verify|verify} messages.
             * @param message RuntimeHandler message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IRuntimeHandler, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RuntimeHandler message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns RuntimeHandler
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.RuntimeHandler;
        }

        /** Properties of a RuntimeFeatures. */
        interface IRuntimeFeatures {

            /** RuntimeFeatures supplementalGroupsPolicy */
            supplementalGroupsPolicy?: (boolean|null);

            /** RuntimeFeatures userNamespacesHostNetwork */
            userNamespacesHostNetwork?: (boolean|null);
        }

        /** Represents a RuntimeFeatures. */
        class RuntimeFeatures implements IRuntimeFeatures {

            /**
             * Constructs a new RuntimeFeatures.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IRuntimeFeatures);

            /** RuntimeFeatures supplementalGroupsPolicy. */
            public supplementalGroupsPolicy: boolean;

            /** RuntimeFeatures userNamespacesHostNetwork. */
            public userNamespacesHostNetwork: boolean;

            /**
             * Creates a new RuntimeFeatures instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RuntimeFeatures instance
             */
            public static create(properties?: runtime.v1.IRuntimeFeatures): runtime.v1.RuntimeFeatures;

            /**
             * Encodes the specified RuntimeFeatures message. Does not implicitly {@link runtime.v1.RuntimeFeatures.verify|verify} messages.
             * @param message RuntimeFeatures message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IRuntimeFeatures, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RuntimeFeatures message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns RuntimeFeatures
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.RuntimeFeatures;
        }

        /** Properties of a StatusResponse. */
        interface IStatusResponse {

            /** StatusResponse status */
            status?: (runtime.v1.IRuntimeStatus|null);

            /** StatusResponse info */
            info?: ({ [k: string]: string }|null);

            /** StatusResponse runtimeHandlers */
            runtimeHandlers?: (runtime.v1.IRuntimeHandler[]|null);

            /** StatusResponse features */
            features?: (runtime.v1.IRuntimeFeatures|null);
        }

        /** Represents a StatusResponse. */
        class StatusResponse implements IStatusResponse {

            /**
             * Constructs a new StatusResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IStatusResponse);

            /** StatusResponse status. */
            public status?: (runtime.v1.IRuntimeStatus|null);

            /** StatusResponse info. */
            public info: { [k: string]: string };

            /** StatusResponse runtimeHandlers. */
            public runtimeHandlers: runtime.v1.IRuntimeHandler[];

            /** StatusResponse features. */
            public features?: (runtime.v1.IRuntimeFeatures|null);

            /**
             * Creates a new StatusResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StatusResponse instance
             */
            public static create(properties?: runtime.v1.IStatusResponse): runtime.v1.StatusResponse;

            /**
             * Encodes the specified StatusResponse message. Does not implicitly {@link runtime.v1.StatusResponse.verify|verify} messages.
             * @param message StatusResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IStatusResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StatusResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StatusResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.StatusResponse;
        }

        /** Properties of an ImageFsInfoRequest. */
        interface IImageFsInfoRequest {
        }

        /** Represents an ImageFsInfoRequest. */
        class ImageFsInfoRequest implements IImageFsInfoRequest {

            /**
             * Constructs a new ImageFsInfoRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IImageFsInfoRequest);

            /**
             * Creates a new ImageFsInfoRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ImageFsInfoRequest instance
             */
            public static create(properties?: runtime.v1.IImageFsInfoRequest): runtime.v1.ImageFsInfoRequest;

            /**
             * Encodes the specified ImageFsInfoRequest message. Does not implicitly {@link runtime.v1.ImageFsInfoRequest.verify|verify} messages.
             * @param message ImageFsInfoRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IImageFsInfoRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an ImageFsInfoRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ImageFsInfoRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ImageFsInfoRequest;
        }

        /** Properties of a UInt64Value. */
        interface IUInt64Value {

            /** UInt64Value value */
            value?: (number|Long|null);
        }

        /** Represents a UInt64Value. */
        class UInt64Value implements IUInt64Value {

            /**
             * Constructs a new UInt64Value.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IUInt64Value);

            /** UInt64Value value. */
            public value: (number|Long);

            /**
             * Creates a new UInt64Value instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UInt64Value instance
             */
            public static create(properties?: runtime.v1.IUInt64Value): runtime.v1.UInt64Value;

            /**
             * Encodes the specified UInt64Value message. Does not implicitly {@link runtime.v1.UInt64Value.verify|verify} messages.
             * @param message UInt64Value message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IUInt64Value, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a UInt64Value message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns UInt64Value
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.UInt64Value;
        }

        /** Properties of a FilesystemIdentifier. */
        interface IFilesystemIdentifier {

            /** FilesystemIdentifier mountpoint */
            mountpoint?: (string|null);
        }

        /** Represents a FilesystemIdentifier. */
        class FilesystemIdentifier implements IFilesystemIdentifier {

            /**
             * Constructs a new FilesystemIdentifier.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IFilesystemIdentifier);

            /** FilesystemIdentifier mountpoint. */
            public mountpoint: string;

            /**
             * Creates a new FilesystemIdentifier instance using the specified properties.
             * @param [properties] Properties to set
             * @returns FilesystemIdentifier instance
             */
            public static create(properties?: runtime.v1.IFilesystemIdentifier): runtime.v1.FilesystemIdentifier;

            /**
             * Encodes the specified FilesystemIdentifier message. Does not implicitly {@link runtime.v1.FilesystemIdentifier.verify|verify} messages.
             * @param message FilesystemIdentifier message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IFilesystemIdentifier, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a FilesystemIdentifier message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns FilesystemIdentifier
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.FilesystemIdentifier;
        }

        /** Properties of a FilesystemUsage. */
        interface IFilesystemUsage {

            /** FilesystemUsage timestamp */
            timestamp?: (number|Long|null);

            /** FilesystemUsage fsId */
            fsId?: (runtime.v1.IFilesystemIdentifier|null);

            /** FilesystemUsage usedBytes */
            usedBytes?: (runtime.v1.IUInt64Value|null);

            /** FilesystemUsage inodesUsed */
            inodesUsed?: (runtime.v1.IUInt64Value|null);
        }

        /** Represents a FilesystemUsage. */
        class FilesystemUsage implements IFilesystemUsage {

            /**
             * Constructs a new FilesystemUsage.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IFilesystemUsage);

            /** FilesystemUsage timestamp. */
            public timestamp: (number|Long);

            /** FilesystemUsage fsId. */
            public fsId?: (runtime.v1.IFilesystemIdentifier|null);

            /** FilesystemUsage usedBytes. */
            public usedBytes?: (runtime.v1.IUInt64Value|null);

            /** FilesystemUsage inodesUsed. */
            public inodesUsed?: (runtime.v1.IUInt64Value|null);

            /**
             * Creates a new FilesystemUsage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns FilesystemUsage instance
             */
            public static create(properties?: runtime.v1.IFilesystemUsage): runtime.v1.FilesystemUsage;

            /**
             * Encodes the specified FilesystemUsage message. Does not implicitly {@link runtime.v1.FilesystemUsage.verify|verify} messages.
             * @param message FilesystemUsage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IFilesystemUsage, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a FilesystemUsage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns FilesystemUsage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.FilesystemUsage;
        }

        /** Properties of a WindowsFilesystemUsage. */
        interface IWindowsFilesystemUsage {

            /** WindowsFilesystemUsage timestamp */
            timestamp?: (number|Long|null);

            /** WindowsFilesystemUsage fsId */
            fsId?: (runtime.v1.IFilesystemIdentifier|null);

            /** WindowsFilesystemUsage usedBytes */
            usedBytes?: (runtime.v1.IUInt64Value|null);
        }

        /** Represents a WindowsFilesystemUsage. */
        class WindowsFilesystemUsage implements IWindowsFilesystemUsage {

            /**
             * Constructs a new WindowsFilesystemUsage.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IWindowsFilesystemUsage);

            /** WindowsFilesystemUsage timestamp. */
            public timestamp: (number|Long);

            /** WindowsFilesystemUsage fsId. */
            public fsId?: (runtime.v1.IFilesystemIdentifier|null);

            /** WindowsFilesystemUsage usedBytes. */
            public usedBytes?: (runtime.v1.IUInt64Value|null);

            /**
             * Creates a new WindowsFilesystemUsage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WindowsFilesystemUsage instance
             */
            public static create(properties?: runtime.v1.IWindowsFilesystemUsage): runtime.v1.WindowsFilesystemUsage;

            /**
             * Encodes the specified WindowsFilesystemUsage message. Does not implicitly {@link runtime.v1.WindowsFilesystemUsage.verify|verify} messages.
             * @param message WindowsFilesystemUsage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IWindowsFilesystemUsage, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WindowsFilesystemUsage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns WindowsFilesystemUsage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.WindowsFilesystemUsage;
        }

        /** Properties of an ImageFsInfoResponse. */
        interface IImageFsInfoResponse {

            /** ImageFsInfoResponse imageFilesystems */
            imageFilesystems?: (runtime.v1.IFilesystemUsage[]|null);

            /** ImageFsInfoResponse containerFilesystems */
            containerFilesystems?: (runtime.v1.IFilesystemUsage[]|null);
        }

        /** Represents an ImageFsInfoResponse. */
        class ImageFsInfoResponse implements IImageFsInfoResponse {

            /**
             * Constructs a new ImageFsInfoResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IImageFsInfoResponse);

            /** ImageFsInfoResponse imageFilesystems. */
            public imageFilesystems: runtime.v1.IFilesystemUsage[];

            /** ImageFsInfoResponse containerFilesystems. */
            public containerFilesystems: runtime.v1.IFilesystemUsage[];

            /**
             * Creates a new ImageFsInfoResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ImageFsInfoResponse instance
             */
            public static create(properties?: runtime.v1.IImageFsInfoResponse): runtime.v1.ImageFsInfoResponse;

            /**
             * Encodes the specified ImageFsInfoResponse message. Does not implicitly {@link runtime.v1.ImageFsInfoResponse.verify|verify} messages.
             * @param message ImageFsInfoResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IImageFsInfoResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an ImageFsInfoResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ImageFsInfoResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ImageFsInfoResponse;
        }

        /** Properties of a ContainerStatsRequest. */
        interface IContainerStatsRequest {

            /** ContainerStatsRequest containerId */
            containerId?: (string|null);
        }

        /** Represents a ContainerStatsRequest. */
        class ContainerStatsRequest implements IContainerStatsRequest {

            /**
             * Constructs a new ContainerStatsRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IContainerStatsRequest);

            /** ContainerStatsRequest containerId. */
            public containerId: string;

            /**
             * Creates a new ContainerStatsRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerStatsRequest instance
             */
            public static create(properties?: runtime.v1.IContainerStatsRequest): runtime.v1.ContainerStatsRequest;

            /**
             * Encodes the specified ContainerStatsRequest message. Does not implicitly {@link runtime.v1.ContainerStatsRequest.verify|verify} messages.
             * @param message ContainerStatsRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IContainerStatsRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerStatsRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ContainerStatsRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ContainerStatsRequest;
        }

        /** Properties of a ContainerStatsResponse. */
        interface IContainerStatsResponse {

            /** ContainerStatsResponse stats */
            stats?: (runtime.v1.IContainerStats|null);
        }

        /** Represents a ContainerStatsResponse. */
        class ContainerStatsResponse implements IContainerStatsResponse {

            /**
             * Constructs a new ContainerStatsResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IContainerStatsResponse);

            /** ContainerStatsResponse stats. */
            public stats?: (runtime.v1.IContainerStats|null);

            /**
             * Creates a new ContainerStatsResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerStatsResponse instance
             */
            public static create(properties?: runtime.v1.IContainerStatsResponse): runtime.v1.ContainerStatsResponse;

            /**
             * Encodes the specified ContainerStatsResponse message. Does not implicitly {@link runtime.v1.ContainerStatsResponse.verify|verify} messages.
             * @param message ContainerStatsResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IContainerStatsResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerStatsResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ContainerStatsResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ContainerStatsResponse;
        }

        /** Properties of a ListContainerStatsRequest. */
        interface IListContainerStatsRequest {

            /** ListContainerStatsRequest filter */
            filter?: (runtime.v1.IContainerStatsFilter|null);
        }

        /** Represents a ListContainerStatsRequest. */
        class ListContainerStatsRequest implements IListContainerStatsRequest {

            /**
             * Constructs a new ListContainerStatsRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IListContainerStatsRequest);

            /** ListContainerStatsRequest filter. */
            public filter?: (runtime.v1.IContainerStatsFilter|null);

            /**
             * Creates a new ListContainerStatsRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListContainerStatsRequest instance
             */
            public static create(properties?: runtime.v1.IListContainerStatsRequest): runtime.v1.ListContainerStatsRequest;

            /**
             * Encodes the specified ListContainerStatsRequest message. Does not implicitly {@link runtime.v1.ListContainerStatsRequest.verify|verify} messages.
             * @param message ListContainerStatsRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IListContainerStatsRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListContainerStatsRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ListContainerStatsRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ListContainerStatsRequest;
        }

        /** Properties of a ContainerStatsFilter. */
        interface IContainerStatsFilter {

            /** ContainerStatsFilter id */
            id?: (string|null);

            /** ContainerStatsFilter podSandboxId */
            podSandboxId?: (string|null);

            /** ContainerStatsFilter labelSelector */
            labelSelector?: ({ [k: string]: string }|null);
        }

        /** Represents a ContainerStatsFilter. */
        class ContainerStatsFilter implements IContainerStatsFilter {

            /**
             * Constructs a new ContainerStatsFilter.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IContainerStatsFilter);

            /** ContainerStatsFilter id. */
            public id: string;

            /** ContainerStatsFilter podSandboxId. */
            public podSandboxId: string;

            /** ContainerStatsFilter labelSelector. */
            public labelSelector: { [k: string]: string };

            /**
             * Creates a new ContainerStatsFilter instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerStatsFilter instance
             */
            public static create(properties?: runtime.v1.IContainerStatsFilter): runtime.v1.ContainerStatsFilter;

            /**
             * Encodes the specified ContainerStatsFilter message. Does not implicitly {@link runtime.v1.ContainerStatsFilter.verify|verify} messages.
             * @param message ContainerStatsFilter message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IContainerStatsFilter, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerStatsFilter message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ContainerStatsFilter
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ContainerStatsFilter;
        }

        /** Properties of a ListContainerStatsResponse. */
        interface IListContainerStatsResponse {

            /** ListContainerStatsResponse stats */
            stats?: (runtime.v1.IContainerStats[]|null);
        }

        /** Represents a ListContainerStatsResponse. */
        class ListContainerStatsResponse implements IListContainerStatsResponse {

            /**
             * Constructs a new ListContainerStatsResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IListContainerStatsResponse);

            /** ListContainerStatsResponse stats. */
            public stats: runtime.v1.IContainerStats[];

            /**
             * Creates a new ListContainerStatsResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListContainerStatsResponse instance
             */
            public static create(properties?: runtime.v1.IListContainerStatsResponse): runtime.v1.ListContainerStatsResponse;

            /**
             * Encodes the specified ListContainerStatsResponse message. Does not implicitly {@link runtime.v1.ListContainerStatsResponse.verify|verify} messages.
             * @param message ListContainerStatsResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IListContainerStatsResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListContainerStatsResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ListContainerStatsResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ListContainerStatsResponse;
        }

        /** Properties of a StreamContainerStatsRequest. */
        interface IStreamContainerStatsRequest {

            /** StreamContainerStatsRequest filter */
            filter?: (runtime.v1.IContainerStatsFilter|null);
        }

        /** Represents a StreamContainerStatsRequest. */
        class StreamContainerStatsRequest implements IStreamContainerStatsRequest {

            /**
             * Constructs a new StreamContainerStatsRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IStreamContainerStatsRequest);

            /** StreamContainerStatsRequest filter. */
            public filter?: (runtime.v1.IContainerStatsFilter|null);

            /**
             * Creates a new StreamContainerStatsRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StreamContainerStatsRequest instance
             */
            public static create(properties?: runtime.v1.IStreamContainerStatsRequest): runtime.v1.StreamContainerStatsRequest;

            /**
             * Encodes the specified StreamContainerStatsRequest message. Does not implicitly {@link runtime.v1.StreamContainerStatsRequest.verify|verify} messages.
             * @param message StreamContainerStatsRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IStreamContainerStatsRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StreamContainerStatsRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StreamContainerStatsRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.StreamContainerStatsRequest;
        }

        /** Properties of a StreamContainerStatsResponse. */
        interface IStreamContainerStatsResponse {

            /** StreamContainerStatsResponse containerStats */
            containerStats?: (runtime.v1.IContainerStats[]|null);
        }

        /** Represents a StreamContainerStatsResponse. */
        class StreamContainerStatsResponse implements IStreamContainerStatsResponse {

            /**
             * Constructs a new StreamContainerStatsResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IStreamContainerStatsResponse);

            /** StreamContainerStatsResponse containerStats. */
            public containerStats: runtime.v1.IContainerStats[];

            /**
             * Creates a new StreamContainerStatsResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StreamContainerStatsResponse instance
             */
            public static create(properties?: runtime.v1.IStreamContainerStatsResponse): runtime.v1.StreamContainerStatsResponse;

            /**
             * Encodes the specified StreamContainerStatsResponse message. Does not implicitly {@link runtime.v1.StreamContainerStatsResponse.verify|verify} messages.
             * @param message StreamContainerStatsResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IStreamContainerStatsResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StreamContainerStatsResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StreamContainerStatsResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.StreamContainerStatsResponse;
        }

        /** Properties of a ContainerAttributes. */
        interface IContainerAttributes {

            /** ContainerAttributes id */
            id?: (string|null);

            /** ContainerAttributes metadata */
            metadata?: (runtime.v1.IContainerMetadata|null);

            /** ContainerAttributes labels */
            labels?: ({ [k: string]: string }|null);

            /** ContainerAttributes annotations */
            annotations?: ({ [k: string]: string }|null);
        }

        /** Represents a ContainerAttributes. */
        class ContainerAttributes implements IContainerAttributes {

            /**
             * Constructs a new ContainerAttributes.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IContainerAttributes);

            /** ContainerAttributes id. */
            public id: string;

            /** ContainerAttributes metadata. */
            public metadata?: (runtime.v1.IContainerMetadata|null);

            /** ContainerAttributes labels. */
            public labels: { [k: string]: string };

            /** ContainerAttributes annotations. */
            public annotations: { [k: string]: string };

            /**
             * Creates a new ContainerAttributes instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerAttributes instance
             */
            public static create(properties?: runtime.v1.IContainerAttributes): runtime.v1.ContainerAttributes;

            /**
             * Encodes the specified ContainerAttributes message. Does not implicitly {@link runtime.v1.ContainerAttributes.verify|verify} messages.
             * @param message ContainerAttributes message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IContainerAttributes, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerAttributes message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ContainerAttributes
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ContainerAttributes;
        }

        /** Properties of a ContainerStats. */
        interface IContainerStats {

            /** ContainerStats attributes */
            attributes?: (runtime.v1.IContainerAttributes|null);

            /** ContainerStats cpu */
            cpu?: (runtime.v1.ICpuUsage|null);

            /** ContainerStats memory */
            memory?: (runtime.v1.IMemoryUsage|null);

            /** ContainerStats writableLayer */
            writableLayer?: (runtime.v1.IFilesystemUsage|null);

            /** ContainerStats swap */
            swap?: (runtime.v1.ISwapUsage|null);

            /** ContainerStats io */
            io?: (runtime.v1.IIoUsage|null);
        }

        /** Represents a ContainerStats. */
        class ContainerStats implements IContainerStats {

            /**
             * Constructs a new ContainerStats.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IContainerStats);

            /** ContainerStats attributes. */
            public attributes?: (runtime.v1.IContainerAttributes|null);

            /** ContainerStats cpu. */
            public cpu?: (runtime.v1.ICpuUsage|null);

            /** ContainerStats memory. */
            public memory?: (runtime.v1.IMemoryUsage|null);

            /** ContainerStats writableLayer. */
            public writableLayer?: (runtime.v1.IFilesystemUsage|null);

            /** ContainerStats swap. */
            public swap?: (runtime.v1.ISwapUsage|null);

            /** ContainerStats io. */
            public io?: (runtime.v1.IIoUsage|null);

            /**
             * Creates a new ContainerStats instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerStats instance
             */
            public static create(properties?: runtime.v1.IContainerStats): runtime.v1.ContainerStats;

            /**
             * Encodes the specified ContainerStats message. Does not implicitly {@link runtime.v1.ContainerStats.verify|verify} messages.
             * @param message ContainerStats message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IContainerStats, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerStats message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ContainerStats
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ContainerStats;
        }

        /** Properties of a WindowsContainerStats. */
        interface IWindowsContainerStats {

            /** WindowsContainerStats attributes */
            attributes?: (runtime.v1.IContainerAttributes|null);

            /** WindowsContainerStats cpu */
            cpu?: (runtime.v1.IWindowsCpuUsage|null);

            /** WindowsContainerStats memory */
            memory?: (runtime.v1.IWindowsMemoryUsage|null);

            /** WindowsContainerStats writableLayer */
            writableLayer?: (runtime.v1.IWindowsFilesystemUsage|null);
        }

        /** Represents a WindowsContainerStats. */
        class WindowsContainerStats implements IWindowsContainerStats {

            /**
             * Constructs a new WindowsContainerStats.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IWindowsContainerStats);

            /** WindowsContainerStats attributes. */
            public attributes?: (runtime.v1.IContainerAttributes|null);

            /** WindowsContainerStats cpu. */
            public cpu?: (runtime.v1.IWindowsCpuUsage|null);

            /** WindowsContainerStats memory. */
            public memory?: (runtime.v1.IWindowsMemoryUsage|null);

            /** WindowsContainerStats writableLayer. */
            public writableLayer?: (runtime.v1.IWindowsFilesystemUsage|null);

            /**
             * Creates a new WindowsContainerStats instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WindowsContainerStats instance
             */
            public static create(properties?: runtime.v1.IWindowsContainerStats): runtime.v1.WindowsContainerStats;

            /**
             * Encodes the specified WindowsContainerStats message. Does not implicitly {@link runtime.v1.WindowsContainerStats.verify|verify} messages.
             * @param message WindowsContainerStats message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IWindowsContainerStats, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WindowsContainerStats message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns WindowsContainerStats
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.WindowsContainerStats;
        }

        /** Properties of a PsiStats. */
        interface IPsiStats {

            /** PsiStats Full */
            Full?: (runtime.v1.IPsiData|null);

            /** PsiStats Some */
            Some?: (runtime.v1.IPsiData|null);
        }

        /** Represents a PsiStats. */
        class PsiStats implements IPsiStats {

            /**
             * Constructs a new PsiStats.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPsiStats);

            /** PsiStats Full. */
            public Full?: (runtime.v1.IPsiData|null);

            /** PsiStats Some. */
            public Some?: (runtime.v1.IPsiData|null);

            /**
             * Creates a new PsiStats instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PsiStats instance
             */
            public static create(properties?: runtime.v1.IPsiStats): runtime.v1.PsiStats;

            /**
             * Encodes the specified PsiStats message. Does not implicitly {@link runtime.v1.PsiStats.verify|verify} messages.
             * @param message PsiStats message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPsiStats, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PsiStats message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PsiStats
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PsiStats;
        }

        /** Properties of a PsiData. */
        interface IPsiData {

            /** PsiData Total */
            Total?: (number|Long|null);

            /** PsiData Avg10 */
            Avg10?: (number|null);

            /** PsiData Avg60 */
            Avg60?: (number|null);

            /** PsiData Avg300 */
            Avg300?: (number|null);
        }

        /** Represents a PsiData. */
        class PsiData implements IPsiData {

            /**
             * Constructs a new PsiData.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPsiData);

            /** PsiData Total. */
            public Total: (number|Long);

            /** PsiData Avg10. */
            public Avg10: number;

            /** PsiData Avg60. */
            public Avg60: number;

            /** PsiData Avg300. */
            public Avg300: number;

            /**
             * Creates a new PsiData instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PsiData instance
             */
            public static create(properties?: runtime.v1.IPsiData): runtime.v1.PsiData;

            /**
             * Encodes the specified PsiData message. Does not implicitly {@link runtime.v1.PsiData.verify|verify} messages.
             * @param message PsiData message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPsiData, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PsiData message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PsiData
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PsiData;
        }

        /** Properties of a CpuUsage. */
        interface ICpuUsage {

            /** CpuUsage timestamp */
            timestamp?: (number|Long|null);

            /** CpuUsage usageCoreNanoSeconds */
            usageCoreNanoSeconds?: (runtime.v1.IUInt64Value|null);

            /** CpuUsage usageNanoCores */
            usageNanoCores?: (runtime.v1.IUInt64Value|null);

            /** CpuUsage psi */
            psi?: (runtime.v1.IPsiStats|null);
        }

        /** Represents a CpuUsage. */
        class CpuUsage implements ICpuUsage {

            /**
             * Constructs a new CpuUsage.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.ICpuUsage);

            /** CpuUsage timestamp. */
            public timestamp: (number|Long);

            /** CpuUsage usageCoreNanoSeconds. */
            public usageCoreNanoSeconds?: (runtime.v1.IUInt64Value|null);

            /** CpuUsage usageNanoCores. */
            public usageNanoCores?: (runtime.v1.IUInt64Value|null);

            /** CpuUsage psi. */
            public psi?: (runtime.v1.IPsiStats|null);

            /**
             * Creates a new CpuUsage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CpuUsage instance
             */
            public static create(properties?: runtime.v1.ICpuUsage): runtime.v1.CpuUsage;

            /**
             * Encodes the specified CpuUsage message. Does not implicitly {@link runtime.v1.CpuUsage.verify|verify} messages.
             * @param message CpuUsage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.ICpuUsage, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CpuUsage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns CpuUsage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.CpuUsage;
        }

        /** Properties of a WindowsCpuUsage. */
        interface IWindowsCpuUsage {

            /** WindowsCpuUsage timestamp */
            timestamp?: (number|Long|null);

            /** WindowsCpuUsage usageCoreNanoSeconds */
            usageCoreNanoSeconds?: (runtime.v1.IUInt64Value|null);

            /** WindowsCpuUsage usageNanoCores */
            usageNanoCores?: (runtime.v1.IUInt64Value|null);
        }

        /** Represents a WindowsCpuUsage. */
        class WindowsCpuUsage implements IWindowsCpuUsage {

            /**
             * Constructs a new WindowsCpuUsage.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IWindowsCpuUsage);

            /** WindowsCpuUsage timestamp. */
            public timestamp: (number|Long);

            /** WindowsCpuUsage usageCoreNanoSeconds. */
            public usageCoreNanoSeconds?: (runtime.v1.IUInt64Value|null);

            /** WindowsCpuUsage usageNanoCores. */
            public usageNanoCores?: (runtime.v1.IUInt64Value|null);

            /**
             * Creates a new WindowsCpuUsage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WindowsCpuUsage instance
             */
            public static create(properties?: runtime.v1.IWindowsCpuUsage): runtime.v1.WindowsCpuUsage;

            /**
             * Encodes the specified WindowsCpuUsage message. Does not implicitly {@link runtime.v1.WindowsCpuUsage.verify|verify} messages.
             * @param message WindowsCpuUsage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IWindowsCpuUsage, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WindowsCpuUsage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns WindowsCpuUsage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.WindowsCpuUsage;
        }

        /** Properties of a MemoryUsage. */
        interface IMemoryUsage {

            /** MemoryUsage timestamp */
            timestamp?: (number|Long|null);

            /** MemoryUsage workingSetBytes */
            workingSetBytes?: (runtime.v1.IUInt64Value|null);

            /** MemoryUsage availableBytes */
            availableBytes?: (runtime.v1.IUInt64Value|null);

            /** MemoryUsage usageBytes */
            usageBytes?: (runtime.v1.IUInt64Value|null);

            /** MemoryUsage rssBytes */
            rssBytes?: (runtime.v1.IUInt64Value|null);

            /** MemoryUsage pageFaults */
            pageFaults?: (runtime.v1.IUInt64Value|null);

            /** MemoryUsage majorPageFaults */
            majorPageFaults?: (runtime.v1.IUInt64Value|null);

            /** MemoryUsage psi */
            psi?: (runtime.v1.IPsiStats|null);
        }

        /** Represents a MemoryUsage. */
        class MemoryUsage implements IMemoryUsage {

            /**
             * Constructs a new MemoryUsage.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IMemoryUsage);

            /** MemoryUsage timestamp. */
            public timestamp: (number|Long);

            /** MemoryUsage workingSetBytes. */
            public workingSetBytes?: (runtime.v1.IUInt64Value|null);

            /** MemoryUsage availableBytes. */
            public availableBytes?: (runtime.v1.IUInt64Value|null);

            /** MemoryUsage usageBytes. */
            public usageBytes?: (runtime.v1.IUInt64Value|null);

            /** MemoryUsage rssBytes. */
            public rssBytes?: (runtime.v1.IUInt64Value|null);

            /** MemoryUsage pageFaults. */
            public pageFaults?: (runtime.v1.IUInt64Value|null);

            /** MemoryUsage majorPageFaults. */
            public majorPageFaults?: (runtime.v1.IUInt64Value|null);

            /** MemoryUsage psi. */
            public psi?: (runtime.v1.IPsiStats|null);

            /**
             * Creates a new MemoryUsage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns MemoryUsage instance
             */
            public static create(properties?: runtime.v1.IMemoryUsage): runtime.v1.MemoryUsage;

            /**
             * Encodes the specified MemoryUsage message. Does not implicitly {@link runtime.v1.MemoryUsage.verify|verify} messages.
             * @param message MemoryUsage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IMemoryUsage, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a MemoryUsage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns MemoryUsage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.MemoryUsage;
        }

        /** Properties of an IoUsage. */
        interface IIoUsage {

            /** IoUsage timestamp */
            timestamp?: (number|Long|null);

            /** IoUsage psi */
            psi?: (runtime.v1.IPsiStats|null);
        }

        /** Represents an IoUsage. */
        class IoUsage implements IIoUsage {

            /**
             * Constructs a new IoUsage.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IIoUsage);

            /** IoUsage timestamp. */
            public timestamp: (number|Long);

            /** IoUsage psi. */
            public psi?: (runtime.v1.IPsiStats|null);

            /**
             * Creates a new IoUsage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns IoUsage instance
             */
            public static create(properties?: runtime.v1.IIoUsage): runtime.v1.IoUsage;

            /**
             * Encodes the specified IoUsage message. Does not implicitly {@link runtime.v1.IoUsage.verify|verify} messages.
             * @param message IoUsage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IIoUsage, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an IoUsage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns IoUsage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.IoUsage;
        }

        /** Properties of a SwapUsage. */
        interface ISwapUsage {

            /** SwapUsage timestamp */
            timestamp?: (number|Long|null);

            /** SwapUsage swapAvailableBytes */
            swapAvailableBytes?: (runtime.v1.IUInt64Value|null);

            /** SwapUsage swapUsageBytes */
            swapUsageBytes?: (runtime.v1.IUInt64Value|null);
        }

        /** Represents a SwapUsage. */
        class SwapUsage implements ISwapUsage {

            /**
             * Constructs a new SwapUsage.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.ISwapUsage);

            /** SwapUsage timestamp. */
            public timestamp: (number|Long);

            /** SwapUsage swapAvailableBytes. */
            public swapAvailableBytes?: (runtime.v1.IUInt64Value|null);

            /** SwapUsage swapUsageBytes. */
            public swapUsageBytes?: (runtime.v1.IUInt64Value|null);

            /**
             * Creates a new SwapUsage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SwapUsage instance
             */
            public static create(properties?: runtime.v1.ISwapUsage): runtime.v1.SwapUsage;

            /**
             * Encodes the specified SwapUsage message. Does not implicitly {@link runtime.v1.SwapUsage.verify|verify} messages.
             * @param message SwapUsage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.ISwapUsage, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SwapUsage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns SwapUsage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.SwapUsage;
        }

        /** Properties of a WindowsMemoryUsage. */
        interface IWindowsMemoryUsage {

            /** WindowsMemoryUsage timestamp */
            timestamp?: (number|Long|null);

            /** WindowsMemoryUsage workingSetBytes */
            workingSetBytes?: (runtime.v1.IUInt64Value|null);

            /** WindowsMemoryUsage availableBytes */
            availableBytes?: (runtime.v1.IUInt64Value|null);

            /** WindowsMemoryUsage pageFaults */
            pageFaults?: (runtime.v1.IUInt64Value|null);

            /** WindowsMemoryUsage commitMemoryBytes */
            commitMemoryBytes?: (runtime.v1.IUInt64Value|null);
        }

        /** Represents a WindowsMemoryUsage. */
        class WindowsMemoryUsage implements IWindowsMemoryUsage {

            /**
             * Constructs a new WindowsMemoryUsage.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IWindowsMemoryUsage);

            /** WindowsMemoryUsage timestamp. */
            public timestamp: (number|Long);

            /** WindowsMemoryUsage workingSetBytes. */
            public workingSetBytes?: (runtime.v1.IUInt64Value|null);

            /** WindowsMemoryUsage availableBytes. */
            public availableBytes?: (runtime.v1.IUInt64Value|null);

            /** WindowsMemoryUsage pageFaults. */
            public pageFaults?: (runtime.v1.IUInt64Value|null);

            /** WindowsMemoryUsage commitMemoryBytes. */
            public commitMemoryBytes?: (runtime.v1.IUInt64Value|null);

            /**
             * Creates a new WindowsMemoryUsage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WindowsMemoryUsage instance
             */
            public static create(properties?: runtime.v1.IWindowsMemoryUsage): runtime.v1.WindowsMemoryUsage;

            /**
             * Encodes the specified WindowsMemoryUsage message. Does not implicitly {@link runtime.v1.WindowsMemoryUsage.verify|verify} messages.
             * @param message WindowsMemoryUsage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IWindowsMemoryUsage, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WindowsMemoryUsage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns WindowsMemoryUsage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.WindowsMemoryUsage;
        }

        /** Properties of a ReopenContainerLogRequest. */
        interface IReopenContainerLogRequest {

            /** ReopenContainerLogRequest containerId */
            containerId?: (string|null);
        }

        /** Represents a ReopenContainerLogRequest. */
        class ReopenContainerLogRequest implements IReopenContainerLogRequest {

            /**
             * Constructs a new ReopenContainerLogRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IReopenContainerLogRequest);

            /** ReopenContainerLogRequest containerId. */
            public containerId: string;

            /**
             * Creates a new ReopenContainerLogRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ReopenContainerLogRequest instance
             */
            public static create(properties?: runtime.v1.IReopenContainerLogRequest): runtime.v1.ReopenContainerLogRequest;

            /**
             * Encodes the specified ReopenContainerLogRequest message. Does not implicitly {@link runtime.v1.ReopenContainerLogRequest.verify|verify} messages.
             * @param message ReopenContainerLogRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IReopenContainerLogRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ReopenContainerLogRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ReopenContainerLogRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ReopenContainerLogRequest;
        }

        /** Properties of a ReopenContainerLogResponse. */
        interface IReopenContainerLogResponse {
        }

        /** Represents a ReopenContainerLogResponse. */
        class ReopenContainerLogResponse implements IReopenContainerLogResponse {

            /**
             * Constructs a new ReopenContainerLogResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IReopenContainerLogResponse);

            /**
             * Creates a new ReopenContainerLogResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ReopenContainerLogResponse instance
             */
            public static create(properties?: runtime.v1.IReopenContainerLogResponse): runtime.v1.ReopenContainerLogResponse;

            /**
             * Encodes the specified ReopenContainerLogResponse message. Does not implicitly {@link runtime.v1.ReopenContainerLogResponse.verify|verify} messages.
             * @param message ReopenContainerLogResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IReopenContainerLogResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ReopenContainerLogResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ReopenContainerLogResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ReopenContainerLogResponse;
        }

        /** Properties of a CheckpointContainerRequest. */
        interface ICheckpointContainerRequest {

            /** CheckpointContainerRequest containerId */
            containerId?: (string|null);

            /** CheckpointContainerRequest location */
            location?: (string|null);

            /** CheckpointContainerRequest timeout */
            timeout?: (number|Long|null);
        }

        /** Represents a CheckpointContainerRequest. */
        class CheckpointContainerRequest implements ICheckpointContainerRequest {

            /**
             * Constructs a new CheckpointContainerRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.ICheckpointContainerRequest);

            /** CheckpointContainerRequest containerId. */
            public containerId: string;

            /** CheckpointContainerRequest location. */
            public location: string;

            /** CheckpointContainerRequest timeout. */
            public timeout: (number|Long);

            /**
             * Creates a new CheckpointContainerRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CheckpointContainerRequest instance
             */
            public static create(properties?: runtime.v1.ICheckpointContainerRequest): runtime.v1.CheckpointContainerRequest;

            /**
             * Encodes the specified CheckpointContainerRequest message. Does not implicitly {@link runtime.v1.CheckpointContainerRequest.verify|verify} messages.
             * @param message CheckpointContainerRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.ICheckpointContainerRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CheckpointContainerRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns CheckpointContainerRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.CheckpointContainerRequest;
        }

        /** Properties of a CheckpointContainerResponse. */
        interface ICheckpointContainerResponse {
        }

        /** Represents a CheckpointContainerResponse. */
        class CheckpointContainerResponse implements ICheckpointContainerResponse {

            /**
             * Constructs a new CheckpointContainerResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.ICheckpointContainerResponse);

            /**
             * Creates a new CheckpointContainerResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CheckpointContainerResponse instance
             */
            public static create(properties?: runtime.v1.ICheckpointContainerResponse): runtime.v1.CheckpointContainerResponse;

            /**
             * Encodes the specified CheckpointContainerResponse message. Does not implicitly {@link runtime.v1.CheckpointContainerResponse.verify|verify} messages.
             * @param message CheckpointContainerResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.ICheckpointContainerResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CheckpointContainerResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns CheckpointContainerResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.CheckpointContainerResponse;
        }

        /** Properties of a GetEventsRequest. */
        interface IGetEventsRequest {
        }

        /** Represents a GetEventsRequest. */
        class GetEventsRequest implements IGetEventsRequest {

            /**
             * Constructs a new GetEventsRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IGetEventsRequest);

            /**
             * Creates a new GetEventsRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetEventsRequest instance
             */
            public static create(properties?: runtime.v1.IGetEventsRequest): runtime.v1.GetEventsRequest;

            /**
             * Encodes the specified GetEventsRequest message. Does not implicitly {@link runtime.v1.GetEventsRequest.verify|verify} messages.
             * @param message GetEventsRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IGetEventsRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetEventsRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns GetEventsRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.GetEventsRequest;
        }

        /** Properties of a ContainerEventResponse. */
        interface IContainerEventResponse {

            /** ContainerEventResponse containerId */
            containerId?: (string|null);

            /** ContainerEventResponse containerEventType */
            containerEventType?: (runtime.v1.ContainerEventType|null);

            /** ContainerEventResponse createdAt */
            createdAt?: (number|Long|null);

            /** ContainerEventResponse podSandboxStatus */
            podSandboxStatus?: (runtime.v1.IPodSandboxStatus|null);

            /** ContainerEventResponse containersStatuses */
            containersStatuses?: (runtime.v1.IContainerStatus[]|null);
        }

        /** Represents a ContainerEventResponse. */
        class ContainerEventResponse implements IContainerEventResponse {

            /**
             * Constructs a new ContainerEventResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IContainerEventResponse);

            /** ContainerEventResponse containerId. */
            public containerId: string;

            /** ContainerEventResponse containerEventType. */
            public containerEventType: runtime.v1.ContainerEventType;

            /** ContainerEventResponse createdAt. */
            public createdAt: (number|Long);

            /** ContainerEventResponse podSandboxStatus. */
            public podSandboxStatus?: (runtime.v1.IPodSandboxStatus|null);

            /** ContainerEventResponse containersStatuses. */
            public containersStatuses: runtime.v1.IContainerStatus[];

            /**
             * Creates a new ContainerEventResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerEventResponse instance
             */
            public static create(properties?: runtime.v1.IContainerEventResponse): runtime.v1.ContainerEventResponse;

            /**
             * Encodes the specified ContainerEventResponse message. Does not implicitly {@link runtime.v1.ContainerEventResponse.verify|verify} messages.
             * @param message ContainerEventResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IContainerEventResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerEventResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ContainerEventResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ContainerEventResponse;
        }

        /** ContainerEventType enum. */
        enum ContainerEventType {
            CONTAINER_CREATED_EVENT = 0,
            CONTAINER_STARTED_EVENT = 1,
            CONTAINER_STOPPED_EVENT = 2,
            CONTAINER_DELETED_EVENT = 3
        }

        /** Properties of a ListMetricDescriptorsRequest. */
        interface IListMetricDescriptorsRequest {
        }

        /** Represents a ListMetricDescriptorsRequest. */
        class ListMetricDescriptorsRequest implements IListMetricDescriptorsRequest {

            /**
             * Constructs a new ListMetricDescriptorsRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IListMetricDescriptorsRequest);

            /**
             * Creates a new ListMetricDescriptorsRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListMetricDescriptorsRequest instance
             */
            public static create(properties?: runtime.v1.IListMetricDescriptorsRequest): runtime.v1.ListMetricDescriptorsRequest;

            /**
             * Encodes the specified ListMetricDescriptorsRequest message. Does not implicitly {@link runtime.v1.ListMetricDescriptorsRequest.verify|verify} messages.
             * @param message ListMetricDescriptorsRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IListMetricDescriptorsRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListMetricDescriptorsRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ListMetricDescriptorsRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ListMetricDescriptorsRequest;
        }

        /** Properties of a ListMetricDescriptorsResponse. */
        interface IListMetricDescriptorsResponse {

            /** ListMetricDescriptorsResponse descriptors */
            descriptors?: (runtime.v1.IMetricDescriptor[]|null);
        }

        /** Represents a ListMetricDescriptorsResponse. */
        class ListMetricDescriptorsResponse implements IListMetricDescriptorsResponse {

            /**
             * Constructs a new ListMetricDescriptorsResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IListMetricDescriptorsResponse);

            /** ListMetricDescriptorsResponse descriptors. */
            public descriptors: runtime.v1.IMetricDescriptor[];

            /**
             * Creates a new ListMetricDescriptorsResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListMetricDescriptorsResponse instance
             */
            public static create(properties?: runtime.v1.IListMetricDescriptorsResponse): runtime.v1.ListMetricDescriptorsResponse;

            /**
             * Encodes the specified ListMetricDescriptorsResponse message. Does not implicitly {@link runtime.v1.ListMetricDescriptorsResponse.verify|verify} messages.
             * @param message ListMetricDescriptorsResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IListMetricDescriptorsResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListMetricDescriptorsResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ListMetricDescriptorsResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ListMetricDescriptorsResponse;
        }

        /** Properties of a MetricDescriptor. */
        interface IMetricDescriptor {

            /** MetricDescriptor name */
            name?: (string|null);

            /** MetricDescriptor help */
            help?: (string|null);

            /** MetricDescriptor labelKeys */
            labelKeys?: (string[]|null);
        }

        /** Represents a MetricDescriptor. */
        class MetricDescriptor implements IMetricDescriptor {

            /**
             * Constructs a new MetricDescriptor.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IMetricDescriptor);

            /** MetricDescriptor name. */
            public name: string;

            /** MetricDescriptor help. */
            public help: string;

            /** MetricDescriptor labelKeys. */
            public labelKeys: string[];

            /**
             * Creates a new MetricDescriptor instance using the specified properties.
             * @param [properties] Properties to set
             * @returns MetricDescriptor instance
             */
            public static create(properties?: runtime.v1.IMetricDescriptor): runtime.v1.MetricDescriptor;

            /**
             * Encodes the specified MetricDescriptor message. Does not implicitly {@link runtime.v1.MetricDescriptor.verify|verify} messages.
             * @param message MetricDescriptor message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IMetricDescriptor, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a MetricDescriptor message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns MetricDescriptor
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.MetricDescriptor;
        }

        /** Properties of a ListPodSandboxMetricsRequest. */
        interface IListPodSandboxMetricsRequest {
        }

        /** Represents a ListPodSandboxMetricsRequest. */
        class ListPodSandboxMetricsRequest implements IListPodSandboxMetricsRequest {

            /**
             * Constructs a new ListPodSandboxMetricsRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IListPodSandboxMetricsRequest);

            /**
             * Creates a new ListPodSandboxMetricsRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListPodSandboxMetricsRequest instance
             */
            public static create(properties?: runtime.v1.IListPodSandboxMetricsRequest): runtime.v1.ListPodSandboxMetricsRequest;

            /**
             * Encodes the specified ListPodSandboxMetricsRequest message. Does not implicitly {@link runtime.v1.ListPodSandboxMetricsRequest.verify|verify} messages.
             * @param message ListPodSandboxMetricsRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IListPodSandboxMetricsRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListPodSandboxMetricsRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ListPodSandboxMetricsRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ListPodSandboxMetricsRequest;
        }

        /** Properties of a ListPodSandboxMetricsResponse. */
        interface IListPodSandboxMetricsResponse {

            /** ListPodSandboxMetricsResponse podMetrics */
            podMetrics?: (runtime.v1.IPodSandboxMetrics[]|null);
        }

        /** Represents a ListPodSandboxMetricsResponse. */
        class ListPodSandboxMetricsResponse implements IListPodSandboxMetricsResponse {

            /**
             * Constructs a new ListPodSandboxMetricsResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IListPodSandboxMetricsResponse);

            /** ListPodSandboxMetricsResponse podMetrics. */
            public podMetrics: runtime.v1.IPodSandboxMetrics[];

            /**
             * Creates a new ListPodSandboxMetricsResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListPodSandboxMetricsResponse instance
             */
            public static create(properties?: runtime.v1.IListPodSandboxMetricsResponse): runtime.v1.ListPodSandboxMetricsResponse;

            /**
             * Encodes the specified ListPodSandboxMetricsResponse message. Does not implicitly {@link runtime.v1.ListPodSandboxMetricsResponse.verify|verify} messages.
             * @param message ListPodSandboxMetricsResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IListPodSandboxMetricsResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListPodSandboxMetricsResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ListPodSandboxMetricsResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ListPodSandboxMetricsResponse;
        }

        /** Properties of a StreamPodSandboxMetricsRequest. */
        interface IStreamPodSandboxMetricsRequest {
        }

        /** Represents a StreamPodSandboxMetricsRequest. */
        class StreamPodSandboxMetricsRequest implements IStreamPodSandboxMetricsRequest {

            /**
             * Constructs a new StreamPodSandboxMetricsRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IStreamPodSandboxMetricsRequest);

            /**
             * Creates a new StreamPodSandboxMetricsRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StreamPodSandboxMetricsRequest instance
             */
            public static create(properties?: runtime.v1.IStreamPodSandboxMetricsRequest): runtime.v1.StreamPodSandboxMetricsRequest;

            /**
             * Encodes the specified StreamPodSandboxMetricsRequest message. Does not implicitly {@link runtime.v1.StreamPodSandboxMetricsRequest.verify|verify} messages.
             * @param message StreamPodSandboxMetricsRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IStreamPodSandboxMetricsRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StreamPodSandboxMetricsRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StreamPodSandboxMetricsRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.StreamPodSandboxMetricsRequest;
        }

        /** Properties of a StreamPodSandboxMetricsResponse. */
        interface IStreamPodSandboxMetricsResponse {

            /** StreamPodSandboxMetricsResponse podSandboxMetrics */
            podSandboxMetrics?: (runtime.v1.IPodSandboxMetrics[]|null);
        }

        /** Represents a StreamPodSandboxMetricsResponse. */
        class StreamPodSandboxMetricsResponse implements IStreamPodSandboxMetricsResponse {

            /**
             * Constructs a new StreamPodSandboxMetricsResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IStreamPodSandboxMetricsResponse);

            /** StreamPodSandboxMetricsResponse podSandboxMetrics. */
            public podSandboxMetrics: runtime.v1.IPodSandboxMetrics[];

            /**
             * Creates a new StreamPodSandboxMetricsResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StreamPodSandboxMetricsResponse instance
             */
            public static create(properties?: runtime.v1.IStreamPodSandboxMetricsResponse): runtime.v1.StreamPodSandboxMetricsResponse;

            /**
             * Encodes the specified StreamPodSandboxMetricsResponse message. Does not implicitly {@link runtime.v1.StreamPodSandboxMetricsResponse.verify|verify} messages.
             * @param message StreamPodSandboxMetricsResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IStreamPodSandboxMetricsResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StreamPodSandboxMetricsResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StreamPodSandboxMetricsResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.StreamPodSandboxMetricsResponse;
        }

        /** Properties of a PodSandboxMetrics. */
        interface IPodSandboxMetrics {

            /** PodSandboxMetrics podSandboxId */
            podSandboxId?: (string|null);

            /** PodSandboxMetrics metrics */
            metrics?: (runtime.v1.IMetric[]|null);

            /** PodSandboxMetrics containerMetrics */
            containerMetrics?: (runtime.v1.IContainerMetrics[]|null);
        }

        /** Represents a PodSandboxMetrics. */
        class PodSandboxMetrics implements IPodSandboxMetrics {

            /**
             * Constructs a new PodSandboxMetrics.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IPodSandboxMetrics);

            /** PodSandboxMetrics podSandboxId. */
            public podSandboxId: string;

            /** PodSandboxMetrics metrics. */
            public metrics: runtime.v1.IMetric[];

            /** PodSandboxMetrics containerMetrics. */
            public containerMetrics: runtime.v1.IContainerMetrics[];

            /**
             * Creates a new PodSandboxMetrics instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PodSandboxMetrics instance
             */
            public static create(properties?: runtime.v1.IPodSandboxMetrics): runtime.v1.PodSandboxMetrics;

            /**
             * Encodes the specified PodSandboxMetrics message. Does not implicitly {@link runtime.v1.PodSandboxMetrics.verify|verify} messages.
             * @param message PodSandboxMetrics message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IPodSandboxMetrics, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PodSandboxMetrics message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns PodSandboxMetrics
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.PodSandboxMetrics;
        }

        /** Properties of a ContainerMetrics. */
        interface IContainerMetrics {

            /** ContainerMetrics containerId */
            containerId?: (string|null);

            /** ContainerMetrics metrics */
            metrics?: (runtime.v1.IMetric[]|null);
        }

        /** Represents a ContainerMetrics. */
        class ContainerMetrics implements IContainerMetrics {

            /**
             * Constructs a new ContainerMetrics.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IContainerMetrics);

            /** ContainerMetrics containerId. */
            public containerId: string;

            /** ContainerMetrics metrics. */
            public metrics: runtime.v1.IMetric[];

            /**
             * Creates a new ContainerMetrics instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerMetrics instance
             */
            public static create(properties?: runtime.v1.IContainerMetrics): runtime.v1.ContainerMetrics;

            /**
             * Encodes the specified ContainerMetrics message. Does not implicitly {@link runtime.v1.ContainerMetrics.verify|verify} messages.
             * @param message ContainerMetrics message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IContainerMetrics, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerMetrics message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ContainerMetrics
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.ContainerMetrics;
        }

        /** Properties of a Metric. */
        interface IMetric {

            /** Metric name */
            name?: (string|null);

            /** Metric timestamp */
            timestamp?: (number|Long|null);

            /** Metric metricType */
            metricType?: (runtime.v1.MetricType|null);

            /** Metric labelValues */
            labelValues?: (string[]|null);

            /** Metric value */
            value?: (runtime.v1.IUInt64Value|null);
        }

        /** Represents a Metric. */
        class Metric implements IMetric {

            /**
             * Constructs a new Metric.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IMetric);

            /** Metric name. */
            public name: string;

            /** Metric timestamp. */
            public timestamp: (number|Long);

            /** Metric metricType. */
            public metricType: runtime.v1.MetricType;

            /** Metric labelValues. */
            public labelValues: string[];

            /** Metric value. */
            public value?: (runtime.v1.IUInt64Value|null);

            /**
             * Creates a new Metric instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Metric instance
             */
            public static create(properties?: runtime.v1.IMetric): runtime.v1.Metric;

            /**
             * Encodes the specified Metric message. Does not implicitly {@link runtime.v1.Metric.verify|verify} messages.
             * @param message Metric message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IMetric, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Metric message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Metric
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.Metric;
        }

        /** MetricType enum. */
        enum MetricType {
            COUNTER = 0,
            GAUGE = 1
        }

        /** Properties of a RuntimeConfigRequest. */
        interface IRuntimeConfigRequest {
        }

        /** Represents a RuntimeConfigRequest. */
        class RuntimeConfigRequest implements IRuntimeConfigRequest {

            /**
             * Constructs a new RuntimeConfigRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IRuntimeConfigRequest);

            /**
             * Creates a new RuntimeConfigRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RuntimeConfigRequest instance
             */
            public static create(properties?: runtime.v1.IRuntimeConfigRequest): runtime.v1.RuntimeConfigRequest;

            /**
             * Encodes the specified RuntimeConfigRequest message. Does not implicitly {@link runtime.v1.RuntimeConfigRequest.verify|verify} messages.
             * @param message RuntimeConfigRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IRuntimeConfigRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RuntimeConfigRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns RuntimeConfigRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.RuntimeConfigRequest;
        }

        /** Properties of a RuntimeConfigResponse. */
        interface IRuntimeConfigResponse {

            /** RuntimeConfigResponse linux */
            linux?: (runtime.v1.ILinuxRuntimeConfiguration|null);
        }

        /** Represents a RuntimeConfigResponse. */
        class RuntimeConfigResponse implements IRuntimeConfigResponse {

            /**
             * Constructs a new RuntimeConfigResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IRuntimeConfigResponse);

            /** RuntimeConfigResponse linux. */
            public linux?: (runtime.v1.ILinuxRuntimeConfiguration|null);

            /**
             * Creates a new RuntimeConfigResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RuntimeConfigResponse instance
             */
            public static create(properties?: runtime.v1.IRuntimeConfigResponse): runtime.v1.RuntimeConfigResponse;

            /**
             * Encodes the specified RuntimeConfigResponse message. Does not implicitly {@link runtime.v1.RuntimeConfigResponse.verify|verify} messages.
             * @param message RuntimeConfigResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IRuntimeConfigResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RuntimeConfigResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns RuntimeConfigResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.RuntimeConfigResponse;
        }

        /** Properties of a LinuxRuntimeConfiguration. */
        interface ILinuxRuntimeConfiguration {

            /** LinuxRuntimeConfiguration cgroupDriver */
            cgroupDriver?: (runtime.v1.CgroupDriver|null);
        }

        /** Represents a LinuxRuntimeConfiguration. */
        class LinuxRuntimeConfiguration implements ILinuxRuntimeConfiguration {

            /**
             * Constructs a new LinuxRuntimeConfiguration.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.ILinuxRuntimeConfiguration);

            /** LinuxRuntimeConfiguration cgroupDriver. */
            public cgroupDriver: runtime.v1.CgroupDriver;

            /**
             * Creates a new LinuxRuntimeConfiguration instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LinuxRuntimeConfiguration instance
             */
            public static create(properties?: runtime.v1.ILinuxRuntimeConfiguration): runtime.v1.LinuxRuntimeConfiguration;

            /**
             * Encodes the specified LinuxRuntimeConfiguration message. Does not implicitly {@link runtime.v1.LinuxRuntimeConfiguration.verify|verify} messages.
             * @param message LinuxRuntimeConfiguration message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.ILinuxRuntimeConfiguration, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LinuxRuntimeConfiguration message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns LinuxRuntimeConfiguration
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.LinuxRuntimeConfiguration;
        }

        /** CgroupDriver enum. */
        enum CgroupDriver {
            SYSTEMD = 0,
            CGROUPFS = 1
        }

        /** Properties of an UpdatePodSandboxResourcesRequest. */
        interface IUpdatePodSandboxResourcesRequest {

            /** UpdatePodSandboxResourcesRequest podSandboxId */
            podSandboxId?: (string|null);

            /** UpdatePodSandboxResourcesRequest overhead */
            overhead?: (runtime.v1.ILinuxContainerResources|null);

            /** UpdatePodSandboxResourcesRequest resources */
            resources?: (runtime.v1.ILinuxContainerResources|null);
        }

        /** Represents an UpdatePodSandboxResourcesRequest. */
        class UpdatePodSandboxResourcesRequest implements IUpdatePodSandboxResourcesRequest {

            /**
             * Constructs a new UpdatePodSandboxResourcesRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IUpdatePodSandboxResourcesRequest);

            /** UpdatePodSandboxResourcesRequest podSandboxId. */
            public podSandboxId: string;

            /** UpdatePodSandboxResourcesRequest overhead. */
            public overhead?: (runtime.v1.ILinuxContainerResources|null);

            /** UpdatePodSandboxResourcesRequest resources. */
            public resources?: (runtime.v1.ILinuxContainerResources|null);

            /**
             * Creates a new UpdatePodSandboxResourcesRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdatePodSandboxResourcesRequest instance
             */
            public static create(properties?: runtime.v1.IUpdatePodSandboxResourcesRequest): runtime.v1.UpdatePodSandboxResourcesRequest;

            /**
             * Encodes the specified UpdatePodSandboxResourcesRequest message. Does not implicitly {@link runtime.v1.UpdatePodSandboxResourcesRequest.verify|verify} messages.
             * @param message UpdatePodSandboxResourcesRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IUpdatePodSandboxResourcesRequest, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdatePodSandboxResourcesRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns UpdatePodSandboxResourcesRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.UpdatePodSandboxResourcesRequest;
        }

        /** Properties of an UpdatePodSandboxResourcesResponse. */
        interface IUpdatePodSandboxResourcesResponse {
        }

        /** Represents an UpdatePodSandboxResourcesResponse. */
        class UpdatePodSandboxResourcesResponse implements IUpdatePodSandboxResourcesResponse {

            /**
             * Constructs a new UpdatePodSandboxResourcesResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtime.v1.IUpdatePodSandboxResourcesResponse);

            /**
             * Creates a new UpdatePodSandboxResourcesResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdatePodSandboxResourcesResponse instance
             */
            public static create(properties?: runtime.v1.IUpdatePodSandboxResourcesResponse): runtime.v1.UpdatePodSandboxResourcesResponse;

            /**
             * Encodes the specified UpdatePodSandboxResourcesResponse message. Does not implicitly {@link runtime.v1.UpdatePodSandboxResourcesResponse.verify|verify} messages.
             * @param message UpdatePodSandboxResourcesResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: runtime.v1.IUpdatePodSandboxResourcesResponse, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdatePodSandboxResourcesResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns UpdatePodSandboxResourcesResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtime.v1.UpdatePodSandboxResourcesResponse;
        }
    }
}
