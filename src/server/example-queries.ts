/**
 * Example queries offered in GraphiQL, one tab each (served as /graphiql/examples.json).
 * The schema is written against these, and tests validate them against it, so keep the
 * fields as they are. The first one is quoted by the product spec.
 */
export interface ExampleQuery {
  title: string;
  /** One English sentence, then the Chinese. */
  description: string;
  query: string;
  /** Initial contents of the variables editor, when the query takes any. */
  variables?: Record<string, unknown>;
}

export const EXAMPLE_QUERIES: ReadonlyArray<ExampleQuery> = [
  {
    title: "Nanjing's studio goal (南京创新工作室目标)",
    description:
      "How many innovation studios Nanjing has and how far it is toward its studio goal. " +
      "南京市创新工作室数量及其目标完成进度。",
    query: `{
  city(code: "320100") {
    name
    innovationStudios {
      totalCount
    }
    goals(metric: INNOVATION_STUDIOS) {
      target
      deadline
      progress {
        current
        ratio
      }
    }
  }
}`,
  },
  {
    title: 'Goal progress across all cities (各市目标进度)',
    description:
      'Every goal with its scope, progress, the pace still needed and where it was published. ' +
      '所有目标的范围、完成进度、所需月均增量及公开来源。',
    query: `query GoalProgress {
  goals(first: 100) {
    totalCount
    nodes {
      id
      metric
      target
      deadline
      scope {
        __typename
        ... on City {
          code
          name
        }
        ... on Province {
          code
          name
        }
      }
      progress {
        current
        ratio
        remaining
        daysLeft
        monthlyRateNeeded
        status
        statusReason
      }
      source {
        publisher
        title
        publishedOn
      }
    }
  }
}`,
  },
  {
    title: 'Studios by city and kind (按城市和类型统计创新工作室)',
    description:
      "Innovation studio counts in Jiangsu, grouped by city and studio kind. " +
      '江苏省各市按类型统计的创新工作室数量。',
    query: `query StudiosByCityAndKind {
  innovationStudioStats(groupBy: [CITY, KIND], filter: { provinceCode: "320000" }) {
    city {
      code
      name
    }
    kind
    count
  }
}`,
  },
  {
    title: 'Craftsmen pipeline (工匠培养梯队)',
    description:
      'Craftsmen counted by level and status, next to the national, provincial and municipal craftsman goals. ' +
      '按级别和状态统计的工匠人数，以及国家级、省级、市级工匠培养目标进度。',
    query: `query CraftsmenPipeline {
  craftsmanStats(groupBy: [LEVEL, STATUS]) {
    level
    status
    count
  }
  goals(
    first: 100
    filter: { metrics: [NATIONAL_CRAFTSMEN, PROVINCIAL_CRAFTSMEN, MUNICIPAL_CRAFTSMEN] }
  ) {
    nodes {
      metric
      target
      deadline
      scope {
        ... on Province {
          name
        }
        ... on City {
          name
        }
      }
      progress {
        current
        ratio
      }
    }
  }
}`,
  },
  {
    title: 'Collective innovation contracts (技术创新集体合同)',
    description:
      'Collective contracts on technical innovation per province, and the five covering the most workers. ' +
      '各省技术创新集体合同数量及覆盖职工人数，以及覆盖职工最多的五份合同。',
    query: `query CollectiveContracts {
  collectiveContractStats(groupBy: [PROVINCE]) {
    province {
      name
    }
    count
    workersCovered
  }
  collectiveContracts(first: 5, orderBy: WORKERS_COVERED_DESC) {
    totalCount
    nodes {
      signedOn
      workersCovered
      projectsPlanned
      projectsCompleted
      enterprise {
        name
        creditCode
      }
    }
  }
}`,
  },
  {
    title: 'Published figures (公开统计数据)',
    description:
      'Figures as the reports published them: value, qualifier ("over 20,800" is AT_LEAST), achievement or plan, unit, date and source. ' +
      '公开报道中的统计数据：数值、限定（“超过”为 AT_LEAST）、已完成或计划、单位、日期和来源。',
    query: `query PublishedFigures {
  reportedFigures(first: 50) {
    nodes {
      metric
      value
      qualifier
      kind
      unit
      asOf
      subject
      scope {
        ... on City {
          name
        }
        ... on Province {
          name
        }
      }
      source {
        publisher
        title
      }
    }
  }
}`,
  },
  {
    title: 'Paging studios (分页浏览)',
    description:
      "Nanjing's model-worker studios, newest first: set $after to the previous page's endCursor. " +
      '按成立时间倒序分页浏览南京市劳模创新工作室：将上一页的 endCursor 填入 $after。',
    query: `query StudioPage($after: String) {
  innovationStudios(
    first: 20
    after: $after
    filter: { cityCode: "320100", kinds: [MODEL_WORKER] }
    orderBy: ESTABLISHED_ON_DESC
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        id
        name
        demonstrationLevel
        establishedOn
        enterprise {
          name
        }
      }
    }
  }
}`,
    variables: { after: null },
  },
  {
    title: 'Studios per month (创新工作室月度趋势)',
    description:
      "Nanjing's new studios per month this year and last, with the running total at the end of each month. " +
      '南京市近两年每月新设创新工作室数及月末累计数。',
    query: `query StudioTrend($from: LocalDate!, $to: LocalDate!) {
  innovationStudioSeries(
    interval: MONTH
    from: $from
    to: $to
    groupBy: CITY
    filter: { cityCode: "320100" }
  ) {
    undatedCount
    lines {
      city {
        name
      }
      points {
        period
        count
        cumulative
      }
    }
  }
}`,
    variables: { from: '2025-01-01', to: '2026-12-31' },
  },
  {
    title: 'Which cities will miss their goal? (目标预测与排名)',
    description:
      "Every city's studio goal ranked by progress, with the trend of the last 12 months and the forecast at the deadline. " +
      '各市创新工作室目标按完成率排名，附近12个月增量及截止日预测。',
    query: `query GoalForecast {
  goalRanking(metric: INNOVATION_STUDIOS) {
    rank
    city {
      name
    }
    goal {
      target
      deadline
    }
    progress {
      current
      ratio
      trendLast12Months
      projectedAtDeadline
      projectedReachDate
      status
    }
  }
}`,
  },
  {
    title: 'Where a goal\'s numbers come from (目标依据)',
    description:
      'Each goal\'s status with the evidence behind it: the registry\'s count (how many are samples or undated) and the published figures for the same metric and place. ' +
      '每个目标的状态及其依据：登记数量（其中示例、未注明日期各多少）与同一指标、同一范围的公开数据。',
    query: `query GoalEvidence {
  goals(first: 100) {
    nodes {
      metric
      target
      targetQualifier
      deadline
      scope {
        ... on Province {
          name
        }
        ... on City {
          name
        }
        ... on District {
          name
        }
      }
      progress {
        current
        status
        statusReason
        statusExplanation
        paceMeasured
        projectedAtDeadline
        evidence {
          registryRecords
          sampleRecords
          undatedRecords
          unknownValueRecords
          latestPublished {
            value
            qualifier
            asOf
            source {
              publisher
              title
            }
          }
        }
      }
    }
  }
}`,
  },
  {
    title: 'Districts of a city (区县)',
    description:
      "Nanjing's eleven districts, with the academies and studios placed in each; every division of GB/T 2260 is in the registry. " +
      '南京市十一个区及各区的工匠学院和创新工作室；GB/T 2260 的全部行政区划均已收录。',
    query: `query NanjingDistricts {
  city(code: "320100") {
    name
    fullName
    districts(first: 20) {
      totalCount
      nodes {
        code
        name
        pinyin
        craftsmanAcademies {
          totalCount
        }
        innovationStudios {
          totalCount
        }
      }
    }
  }
  craftsmanAcademyStats(groupBy: [DISTRICT, LEVEL], filter: { cityCode: "320100" }) {
    district {
      name
    }
    level
    count
  }
}`,
  },
  {
    title: "The reform's activities (产改活动)",
    description:
      'Competitions, training, unions and party branches, a park alliance and the requests it received, and demonstration projects, each counted in the registry with the report it comes from. ' +
      '劳动和技能竞赛、培训项目、基层工会与党支部、产改联盟及其受理的企业诉求、产改示范项目：均为登记记录，并注明出处。',
    query: `query ReformActivities {
  skillCompetitionStats(groupBy: [CITY, ORGANISER_KIND]) {
    city {
      name
    }
    organiserKind
    count
  }
  trainingProgrammes(first: 5) {
    nodes {
      name
      sessionsHeld
      participants
      tradeUnionsInvolved
      craftsmanAcademy {
        name
      }
      source {
        publisher
        publishedOn
      }
    }
  }
  grassrootsOrganisationStats(groupBy: [CITY, KIND]) {
    city {
      name
    }
    kind
    count
  }
  reformDemonstrations(first: 5) {
    nodes {
      name
      level
      recognisedOn
      enterprise {
        name
      }
    }
  }
}`,
  },
  {
    title: 'A park alliance and its enterprise requests (产改联盟与企业诉求)',
    description:
      "The Zhenjiang new-materials park's alliance, its members, and the requests it received: how many were answered within the promised hours and how satisfied enterprises were; a rate is null, not 0, where no request records it. " +
      '镇江经开区新材料产业园产改联盟及其成员和受理的企业诉求：按时反馈率与满意率；无记录时为空，而非0。',
    query: `query ParkAlliance {
  reformAlliances(filter: { cityCode: "321100" }) {
    nodes {
      name
      area
      memberEnterprises
      memberUnits
      enterpriseServiceRequests(first: 3) {
        totalCount
        nodes {
          subject
          responseCommitmentHours
          responseHours
          satisfaction
        }
      }
      source {
        publisher
        publishedOn
      }
    }
  }
  enterpriseServiceRequestStats(groupBy: [CITY]) {
    city {
      name
    }
    count
    answeredWithinCommitment
    withinCommitmentRate
    rated
    satisfactionRate
  }
  reportedFigures(filter: { cityCode: "321100", metrics: [ISSUE_RESOLUTION_SATISFACTION] }) {
    nodes {
      value
      qualifier
      subject
    }
  }
}`,
  },
];
